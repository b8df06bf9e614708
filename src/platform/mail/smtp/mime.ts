// RFC 5322 / 2045-2047 message building for bulk sends: one pass, ASCII output (7bit: a part that is already plain
// ASCII in short lines goes as it is, others as quoted-printable or base64; encoded-words for non-ASCII header text),
// CRLF line ends, header lines folded well under 998 octets.
// Dot-stuffing is the SMTP layer's (it is a property of the DATA transfer, not of the message).
import crypto from 'node:crypto';
import type { OutgoingMessage } from '../types.ts';

/**
 * `auto`: each part as it is (`7bit`) when it is ASCII in lines of at most 998 octets, else quoted-printable. A bulk
 * HTML part rendered for the wire (render.ts, `wire`) is ASCII by construction, and sending it as it is costs a check
 * instead of an encoding pass, and is 8–10 % smaller than its quoted-printable form (HTML is full of `=`).
 */
export type BodyEncoding = 'auto' | 'quoted-printable' | 'base64';

/** A built message: `headers` in order (name, folded value), `body` after the blank line; all ASCII. */
export type BuiltMessage = {
  headers: [name: string, value: string][];
  body: string;
  /**
   * The body in DKIM's relaxed canonical form except for trailing empty lines (the signer trims those), when the
   * builder made it; absent, the signer computes it.
   */
  relaxedBody?: string;
};

export class MimeError extends Error {}

/** Headers the builder writes itself; a caller's `headers` may not replace them. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'dkim-signature',
]);

// A process-random prefix plus a counter: unique, never in a QP or base64 body ("=_" cannot occur in either), and not
// guessable by whoever writes a 7bit part's text.
const boundaryPrefix = `=_fh_${crypto.randomBytes(6).toString('hex')}_`;
let boundaryCounter = 0;

let dateCache = { second: -1, value: '' };
/** RFC 5322 date, cached per second (a bulk send builds thousands per second). */
export function rfc5322Date(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (dateCache.second !== second) {
    dateCache = { second, value: new Date(second * 1000).toUTCString().replace(/GMT$/, '+0000') };
  }
  return dateCache.value;
}

export function buildMessage(m: OutgoingMessage, opts: { encoding?: BodyEncoding; now?: number } = {}): BuiltMessage {
  const encoding = opts.encoding ?? 'auto';
  const headers: [string, string][] = [
    ['From', formatAddress(m.from.email, m.from.name)],
    ['To', formatAddress(m.to, null)],
  ];
  if (m.replyTo) headers.push(['Reply-To', formatAddressString(m.replyTo)]);
  headers.push(
    ['Subject', encodeUnstructured('Subject', m.subject)],
    ['Date', rfc5322Date(opts.now)],
    ['Message-ID', `<${checkMessageId(m.messageId)}>`],
    ['MIME-Version', '1.0'],
  );
  const text = m.text ?? '';
  const html = m.html ?? '';
  const encode = encoding === 'base64' ? base64Part : encoding === 'auto' ? autoPart : quotedPrintablePart;
  let body: string;
  let relaxed: string;
  if (text && html) {
    boundaryCounter = (boundaryCounter + 1) % 0x7fffffff;
    const boundary = `${boundaryPrefix}${boundaryCounter}`;
    headers.push(['Content-Type', `multipart/alternative;\r\n boundary="${boundary}"`]);
    const t = encode(text);
    const h = encode(html);
    const a = `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ${t.cte}\r\n\r\n`;
    const b = `\r\n--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: ${h.cte}\r\n\r\n`;
    const z = `\r\n--${boundary}--\r\n`;
    body = a + t.encoded + b + h.encoded + z;
    relaxed = t.relaxed === t.encoded && h.relaxed === h.encoded ? body : a + t.relaxed + b + h.relaxed + z;
  } else {
    const p = encode(html || text);
    headers.push(
      ['Content-Type', `text/${html ? 'html' : 'plain'}; charset=utf-8`],
      ['Content-Transfer-Encoding', p.cte],
    );
    body = `${p.encoded}\r\n`;
    relaxed = p.relaxed === p.encoded ? body : `${p.relaxed}\r\n`;
  }
  for (const [name, value] of Object.entries(m.headers)) {
    if (!/^[!-9;-~]+$/.test(name)) throw new MimeError(`invalid header name ${JSON.stringify(name)}`);
    if (RESERVED.has(name.toLowerCase())) continue;
    headers.push([name, encodeUnstructured(name, value)]);
  }
  return { headers, body, relaxedBody: relaxed };
}

/** The whole message as the bytes a server receives (before dot-stuffing). */
export function serialize(b: BuiltMessage, prepend: string[] = []): Buffer {
  return Buffer.from(serializeString(b, prepend), 'latin1');
}

/** The same as a string (ASCII). */
export function serializeString(b: BuiltMessage, prepend: string[] = []): string {
  let head = '';
  for (const line of prepend) head += `${line}\r\n`;
  for (const [name, value] of b.headers) head += `${name}: ${value}\r\n`;
  return `${head}\r\n${b.body}`;
}

// --- addresses -----------------------------------------------------------------------------------------------------

const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

function checkAddress(email: string): string {
  const a = email.trim();
  // Only what can be written into a header and an SMTP envelope without quoting; non-ASCII needs SMTPUTF8 (not used).
  if (!/^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/.test(a) || /[^\x21-\x7e]/.test(a)) {
    throw new MimeError(`invalid email address ${JSON.stringify(email)}`);
  }
  return a;
}

function checkMessageId(id: string): string {
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(id) || /[<>\s]/.test(id)) throw new MimeError(`invalid Message-ID ${id}`);
  return id;
}

/** `Name <addr>`: the name as atoms, a quoted string, or encoded-words when it is not ASCII. */
export function formatAddress(email: string, name: string | null | undefined): string {
  const addr = checkAddress(email);
  const n = (name ?? '').replace(/[\r\n]+/g, ' ').trim();
  if (!n) return addr;
  let phrase: string;
  if (!isAscii(n)) phrase = encodedWords(n).join('\r\n ');
  else if (ATEXT_PHRASE.test(n)) phrase = n;
  else phrase = `"${n.replace(/[\\"]/g, '\\$&')}"`;
  return `${phrase} <${addr}>`;
}

/** A configured Reply-To: `addr` or `Name <addr>`. */
function formatAddressString(s: string): string {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(s);
  if (m) return formatAddress(m[2]!, m[1]!.replace(/^"(.*)"$/, '$1'));
  return formatAddress(s, null);
}

// --- header text ---------------------------------------------------------------------------------------------------

const isAscii = (s: string) => !/[^\x20-\x7e\t]/.test(s);

/**
 * An unstructured header value (RFC 5322 §3.2.5): printable ASCII is folded at spaces to ~78 columns; anything else
 * (non-ASCII, control characters, a word too long to fit a line) becomes RFC 2047 encoded-words.
 */
export function encodeUnstructured(name: string, value: string): string {
  const v = value.replace(/\r?\n|\r/g, ' ');
  if (isAscii(v) && !hasWordLongerThan(v, 899) && !v.includes('=?')) return fold(v, name.length + 2);
  return encodedWords(v).join('\r\n ');
}

/**
 * Whether a run of non-space characters is longer than `max`. A scan, not `/\S{900,}/`: that regex restarts at every
 * character of a long word, and List-Unsubscribe values are long words (it cost 30 µs a message in a bulk send).
 */
function hasWordLongerThan(v: string, max: number): boolean {
  if (v.length <= max) return false;
  let run = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) run = 0;
    else if (++run > max) return true;
  }
  return false;
}

/** Folds at spaces so lines stay near 78 characters; a longer word stays whole (callers keep words < 998). */
function fold(v: string, first: number): string {
  if (first + v.length <= 78) return v;
  const words = v.split(' ');
  let out = '';
  let col = first;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i === 0) {
      out = w;
      col += w.length;
    } else if (col + 1 + w.length > 78 && col > 1) {
      out += `\r\n ${w}`;
      col = 1 + w.length;
    } else {
      out += ` ${w}`;
      col += 1 + w.length;
    }
  }
  return out;
}

/**
 * RFC 2047 "B" encoded-words of at most 75 characters each, never splitting a character: decoders join adjacent
 * encoded-words separated only by folding white space, so the text round-trips exactly.
 */
export function encodedWords(v: string): string[] {
  const out: string[] = [];
  // 45 bytes → 60 base64 characters + 12 of "=?UTF-8?B?" and "?=" = 72 ≤ 75.
  let chunk = '';
  let bytes = 0;
  for (const ch of v) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > 45) {
      out.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  if (chunk || !out.length) out.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
  return out;
}

// --- bodies --------------------------------------------------------------------------------------------------------

/** An encoded body part, its transfer encoding and its DKIM "relaxed" form (RFC 6376 §3.4.4), made in the same pass. */
export type EncodedPart = { cte: '7bit' | 'quoted-printable' | 'base64'; encoded: string; relaxed: string };

/** The part as it is when it can go so (see `sevenBitPart`), else quoted-printable. */
export function autoPart(s: string): EncodedPart {
  return sevenBitPart(s) ?? quotedPrintablePart(s);
}

/**
 * The part as it is, `7bit` (RFC 2045 §2.7), when it is ASCII without NUL in lines of at most 998 octets
 * (RFC 5322 §2.1.1); line breaks of any kind become CRLF. Null when it cannot go so. A few native searches find
 * out, and also whether the DKIM relaxed form differs (white space before a line end, or runs of it); usually it
 * does not, for a wire-ready HTML part has had its white space collapsed when its template was compiled.
 */
export function sevenBitPart(s: string): EncodedPart | null {
  const scan = scanSevenBit(s);
  if (scan === TOO_LONG_OR_8BIT) return null;
  if (scan & BARE_BREAK) return sevenBitPart(s.replace(/\r\n|\r|\n/g, '\r\n'));
  return {
    cte: '7bit',
    encoded: s,
    relaxed: scan & LOOSE_WSP ? s.replace(/[ \t]+(?=\r\n|$)/g, '').replace(/[ \t]{2,}|\t/g, ' ') : s,
  };
}

const TOO_LONG_OR_8BIT = -1;
const BARE_BREAK = 1;
const LOOSE_WSP = 2;

/**
 * TOO_LONG_OR_8BIT, or the flags BARE_BREAK (a CR or LF not in a CRLF) and LOOSE_WSP (not relaxed-canonical).
 * Native string searches only: a character-by-character loop over a 25 kB part cost ~70 µs a message in the campaign
 * bench (V8 does not make `charCodeAt` loops over long strings fast), these cost a fraction of that.
 */
function scanSevenBit(s: string): number {
  // UTF-8 length equals the length exactly when every character is ASCII (a native, vectorised count).
  if (Buffer.byteLength(s, 'utf8') !== s.length || s.includes('\0')) return TOO_LONG_OR_8BIT;
  // Not /[ \t][ \t\r]|\t|[ \t]$/ at once: with that alternation V8 tries every position (46 µs over a 22 kB part on a
  // 2 GHz core). A tab anywhere is one native search; what is left is a space before a space or a CR.
  let flags = s.includes('\t') || / [ \r]/.test(s) || s.endsWith(' ') ? LOOSE_WSP : 0;
  // Every LF after a CR, lines ≤ 998 octets; then every CR before an LF.
  let i = 0;
  for (;;) {
    const j = s.indexOf('\n', i);
    if (j < 0) {
      if (s.length - i > 998) return TOO_LONG_OR_8BIT;
      break;
    }
    const cr = j > 0 && s.charCodeAt(j - 1) === 13;
    if (j - i - (cr ? 1 : 0) > 998) return TOO_LONG_OR_8BIT;
    if (!cr) flags |= BARE_BREAK;
    i = j + 1;
  }
  if (!(flags & BARE_BREAK)) {
    for (let r = s.indexOf('\r'); r >= 0; r = s.indexOf('\r', r + 2)) {
      if (s.charCodeAt(r + 1) !== 10) {
        flags |= BARE_BREAK;
        break;
      }
    }
  }
  // With a bare break the caller normalises and scans again (a line cut by a bare CR counts whole here: QP, at worst).
  return flags;
}

const HEX_CODES = [...'0123456789ABCDEF'].map((c) => c.charCodeAt(0));
// Byte classes for quoted-printable: 0 literal, 1 escaped, 2 space or tab, 3 CR, 4 LF.
const QP_CLASS = new Uint8Array(256).fill(1);
for (let c = 33; c <= 126; c++) QP_CLASS[c] = c === 61 ? 1 : 0;
QP_CLASS[32] = 2;
QP_CLASS[9] = 2;
QP_CLASS[13] = 3;
QP_CLASS[10] = 4;

// Scratch space reused by every call (the encoder is synchronous): no 100 kB allocation per message.
let scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks of any kind become CRLF, lines are at most 76
 * characters (soft breaks `=` never split an escape), space or tab before a line end is escaped so no line ends in
 * white space (DKIM's relaxed canonicalisation and some relays would change it). No trailing CRLF.
 *
 * The relaxed form (RFC 6376 §3.4.4) differs from the encoding only where literal white space is not a single space:
 * no line ends in white space here. The loop notes whether that ever happens (indented HTML: often) and the relaxed
 * form is then one native replace over the result, instead of a second buffer written byte by byte alongside.
 */
export function quotedPrintablePart(s: string): EncodedPart {
  const src = Buffer.from(s, 'utf8');
  const n = src.length;
  // Worst case: every byte escaped (3×) plus a soft break (3 bytes) every 25 input bytes.
  const need = n * 3 + Math.ceil(n / 25) * 3 + 8;
  if (scratch.length < need) scratch = Buffer.allocUnsafe(need);
  const out = scratch;
  let o = 0;
  let col = 0;
  let wsp = false; // the last byte written is literal white space
  let runs = false; // literal white space other than single spaces was written
  for (let i = 0; i < n; i++) {
    const c = src[i]!;
    const k = QP_CLASS[c]!;
    if (k === 0 && col < 75) {
      out[o++] = c;
      col++;
      wsp = false;
      continue;
    }
    if (k === 3 || k === 4) {
      if (k === 3 && src[i + 1] === 10) i++;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      wsp = false;
      continue;
    }
    const next = i + 1 < n ? src[i + 1]! : 10;
    const endsLine = next === 13 || next === 10;
    const literal = k === 0 || (k === 2 && !endsLine);
    const width = literal ? 1 : 3;
    // Keep room for the soft-break `=` (76 with it), unless this is the last thing on the line.
    if (col + width > (endsLine ? 76 : 75)) {
      out[o++] = 61;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      wsp = false;
    }
    if (literal) {
      out[o++] = c;
      if (k === 2) {
        if (wsp || c === 9) runs = true;
        wsp = true;
      } else wsp = false;
    } else {
      out[o++] = 61;
      out[o++] = HEX_CODES[c >> 4]!;
      out[o++] = HEX_CODES[c & 15]!;
      wsp = false;
    }
    col += width;
  }
  const encoded = out.toString('latin1', 0, o);
  return { cte: 'quoted-printable', encoded, relaxed: runs ? encoded.replace(/[ \t]{2,}|\t/g, ' ') : encoded };
}

export function quotedPrintable(s: string): string {
  return quotedPrintablePart(s).encoded;
}

/** Base64 in lines of 76 (RFC 2045 §6.8). No trailing CRLF; no white space, so it is its own relaxed form. */
export function base64Part(s: string): EncodedPart {
  const b64 = Buffer.from(Buffer.from(s, 'utf8').toString('base64'), 'latin1');
  const lines = Math.ceil(b64.length / 76);
  const out = Buffer.allocUnsafe(b64.length + Math.max(0, lines - 1) * 2);
  let o = 0;
  for (let i = 0; i < b64.length; i += 76) {
    if (i) {
      out[o++] = 13;
      out[o++] = 10;
    }
    o += b64.copy(out, o, i, Math.min(i + 76, b64.length));
  }
  const encoded = out.toString('latin1', 0, o);
  return { cte: 'base64', encoded, relaxed: encoded };
}

export function base64Body(s: string): string {
  return base64Part(s).encoded;
}
