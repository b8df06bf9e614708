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

/** The DATA bytes of a built message, its DKIM signature (or other lines) in front. */
export function dataBytes(b: BuiltMessage, prepend: string[]): Buffer {
  return stuffedBytes(serializeString(b, prepend));
}

/**
 * RFC 5321 §4.5.2: a line starting with "." gets a second one; the data then ends with CRLF "." CRLF. Done while the
 * message is still a string (usually there is nothing to stuff), so it becomes bytes once, terminator included.
 */
export function stuffedBytes(message: string): Buffer {
  let s = message;
  if (s.charCodeAt(0) === 0x2e) s = `.${s}`;
  if (s.includes('\n.')) s = s.replaceAll('\n.', '\n..');
  return Buffer.from(s.endsWith('\r\n') ? `${s}.\r\n` : `${s}\r\n.\r\n`, 'latin1');
}
