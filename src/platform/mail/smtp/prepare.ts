// Outgoing message → the exact bytes of its DATA transfer: MIME, DKIM signature, dot-stuffing, terminator. Pure and
// synchronous, so it runs inline or in a worker thread (build-pool.ts) alike.
import type { DkimKey, OutgoingMessage } from '../types.ts';
import { createDkimSigner } from './dkim.ts';
import { type BodyEncoding, type BuiltMessage, buildMessage, serializeString } from './mime.ts';

export type Preparer = (m: OutgoingMessage) => Buffer;

export function createPreparer(opts: { dkim?: DkimKey | null; encoding?: BodyEncoding }): Preparer {
  const signer = opts.dkim ? createDkimSigner(opts.dkim) : null;
  const encoding = opts.encoding ?? 'auto';
  return (m) => {
    const built = buildMessage(m, { encoding });
    return dataBytes(built, signer ? [signer.sign(built)] : []);
  };
}

/**
 * `dotStuff(serialize(…))` in one copy: the message is stuffed while still a string (usually there is nothing to
 * stuff), and becomes bytes once, terminator included. The builder's output ends in CRLF.
 */
export function dataBytes(b: BuiltMessage, prepend: string[]): Buffer {
  let s = serializeString(b, prepend);
  if (s.charCodeAt(0) === 0x2e) s = `.${s}`;
  if (s.includes('\n.')) s = s.replaceAll('\n.', '\n..');
  return Buffer.from(s.endsWith('\r\n') ? `${s}.\r\n` : `${s}\r\n.\r\n`, 'latin1');
}

/**
 * RFC 5321 §4.5.2: a line starting with "." gets a second one; the data then ends with CRLF "." CRLF. The builder's
 * output ends in CRLF, so the terminator is appended directly.
 */
export function dotStuff(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  if (raw[0] === 0x2e) {
    parts.push(DOT);
  }
  let i = raw.indexOf('\n.', 0, 'latin1');
  while (i >= 0) {
    parts.push(raw.subarray(from, i + 1), DOT);
    from = i + 1;
    i = raw.indexOf('\n.', from, 'latin1');
  }
  const endsCrlf = raw.length >= 2 && raw[raw.length - 2] === 13 && raw[raw.length - 1] === 10;
  if (!parts.length) return Buffer.concat([raw, endsCrlf ? END : CRLF_END]);
  parts.push(raw.subarray(from), endsCrlf ? END : CRLF_END);
  return Buffer.concat(parts);
}

const DOT = Buffer.from('.');
const END = Buffer.from('.\r\n');
const CRLF_END = Buffer.from('\r\n.\r\n');
