/**
 * A small MIME reader for the messages the bounce mailbox receives: enough to walk multipart/report, decode
 * base64 / quoted-printable parts and read header blocks (RFC 5322 headers, RFC 3464 delivery-status fields, RFC 5965
 * feedback reports). Bodies are kept as latin1-safe strings of bytes then decoded as UTF-8 where text is wanted.
 */
export type Headers = [name: string, value: string][];

export type MimePart = {
  headers: Headers;
  /** Lower-case type/subtype; text/plain when absent (RFC 2045). */
  contentType: string;
  params: Record<string, string>;
  /** Decoded body bytes (transfer encoding removed). */
  body: Buffer;
  /** Sub-parts of a multipart. */
  parts: MimePart[];
};

const MAX_DEPTH = 8;
const MAX_PARTS = 200;

export function parseMessage(raw: Buffer | string): MimePart {
  const buf = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const counter = { n: 0 };
  return parsePart(buf, 0, counter, 'text/plain');
}

function parsePart(buf: Buffer, depth: number, counter: { n: number }, defaultType: string): MimePart {
  counter.n++;
  const { headerText, body } = splitHeaderBody(buf);
  const headers = parseHeaderBlock(headerText);
  const ct = header(headers, 'content-type');
  const { type, params } = ct ? parseContentType(ct) : { type: defaultType, params: {} };
  const decoded = decodeTransfer(body, header(headers, 'content-transfer-encoding'));
  const part: MimePart = { headers, contentType: type, params, body: decoded, parts: [] };
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const chunk of splitMultipart(decoded, params.boundary)) {
      if (counter.n >= MAX_PARTS) break;
      part.parts.push(parsePart(chunk, depth + 1, counter, childDefault));
    }
  }
  return part;
}

/** Headers end at the first empty line; a message without one is all headers (a text/rfc822-headers part). */
export function splitHeaderBody(buf: Buffer): { headerText: string; body: Buffer } {
  const s = buf.toString('latin1');
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) {
    // Either only headers, or (when the first line is not a header) only a body.
    if (/^[!-9;-~]+:/.test(s)) return { headerText: s, body: Buffer.alloc(0) };
    return { headerText: '', body: buf };
  }
  if (m.index === 0) return { headerText: '', body: buf.subarray(m[0].length) };
  return {
    headerText: s.slice(0, m.index),
    body: buf.subarray(Buffer.byteLength(s.slice(0, m.index + m[0].length), 'latin1')),
  };
}

/** Unfolds and splits a header block; names lower-cased; values as UTF-8 where the bytes are UTF-8. */
export function parseHeaderBlock(text: string): Headers {
  const out: Headers = [];
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!/^[!-9;-~]+$/.test(name)) continue;
    out.push([name, Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8')]);
  }
  return out;
}

export function header(headers: Headers, name: string): string | null {
  const n = name.toLowerCase();
  for (const [k, v] of headers) if (k === n) return v;
  return null;
}

export function parseContentType(value: string): { type: string; params: Record<string, string> } {
  const [first, ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i <= 0) continue;
    let v = p.slice(i + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p.slice(0, i).trim().toLowerCase()] = v;
  }
  return { type: (first ?? 'text/plain').trim().toLowerCase(), params };
}

function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const s = body.toString('latin1');
  const delim = `--${boundary}`;
  const chunks: Buffer[] = [];
  let pos = s.indexOf(delim);
  while (pos !== -1) {
    const afterDelim = pos + delim.length;
    if (s.startsWith('--', afterDelim)) break; // closing delimiter
    const lineEnd = s.indexOf('\n', afterDelim);
    if (lineEnd === -1) break;
    const next = s.indexOf(`\n${delim}`, lineEnd);
    const end = next === -1 ? s.length : next;
    let chunk = s.slice(lineEnd + 1, end);
    if (chunk.endsWith('\r')) chunk = chunk.slice(0, -1);
    chunks.push(Buffer.from(chunk, 'latin1'));
    if (next === -1) break;
    pos = next + 1;
  }
  return chunks;
}

function decodeTransfer(body: Buffer, encoding: string | null): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const s = body
      .toString('latin1')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(s, 'latin1');
  }
  return body;
}

/** The part's text (UTF-8 unless a charset says latin1/ascii). */
export function textOf(part: MimePart): string {
  const cs = (part.params.charset ?? 'utf-8').toLowerCase();
  if (cs === 'iso-8859-1' || cs === 'latin1' || cs === 'us-ascii' || cs === 'windows-1252')
    return part.body.toString('latin1');
  return part.body.toString('utf8');
}

/** Depth-first list of every part (the message itself first). */
export function allParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart) => {
    out.push(p);
    for (const c of p.parts) walk(c);
  };
  walk(root);
  return out;
}

/** Groups of `name: value` fields separated by blank lines (delivery-status, feedback-report bodies). */
export function fieldGroups(text: string): Headers[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => parseHeaderBlock(block))
    .filter((h) => h.length > 0);
}
