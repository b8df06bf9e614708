// DKIM (RFC 6376) signing with rsa-sha256, relaxed/relaxed, from node:crypto. The private key is parsed once per
// signer (createPrivateKey), not per message: parsing a PEM costs more than the signature.
import crypto from 'node:crypto';
import type { DkimKey } from '../types.ts';
import type { BuiltMessage } from './mime.ts';

/** Signed when present, in this order (RFC 8058 asks for List-Unsubscribe-Post to be signed with List-Unsubscribe). */
export const SIGNED_HEADERS = [
  'From',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
] as const;

export type DkimSigner = {
  domain: string;
  selector: string;
  /** The `DKIM-Signature: …` header line (folded, no trailing CRLF) for a built message. */
  sign(message: BuiltMessage, now?: number): string;
};

export function createDkimSigner(key: DkimKey): DkimSigner {
  const privateKey = crypto.createPrivateKey(key.privateKey);
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`DKIM key for ${key.domainName} is ${privateKey.asymmetricKeyType}, expected rsa`);
  }
  const domain = key.domainName.toLowerCase();
  const selector = key.keySelector;
  return {
    domain,
    selector,
    sign(message, now = Date.now()) {
      const canonical =
        message.relaxedBody !== undefined ? trimEmptyLines(message.relaxedBody) : relaxedBody(message.body);
      const bh = crypto.createHash('sha256').update(canonical, 'latin1').digest('base64');
      // The last instance of each named header is the one verifiers pick first (RFC 6376 §5.4.2); we write each once.
      const picked: [string, string][] = [];
      for (const h of SIGNED_HEADERS) {
        const lower = h.toLowerCase();
        for (let i = message.headers.length - 1; i >= 0; i--) {
          const [name, value] = message.headers[i]!;
          if (name.toLowerCase() === lower) {
            picked.push([lower, value]);
            break;
          }
        }
      }
      const value =
        `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=${selector};\r\n` +
        ` t=${Math.floor(now / 1000)}; h=${picked.map(([n]) => n).join(':')};\r\n` +
        ` bh=${bh};\r\n b=`;
      let input = '';
      for (const [name, v] of picked) input += `${name}:${relaxedHeaderValue(v)}\r\n`;
      input += `dkim-signature:${relaxedHeaderValue(value)}`;
      const b = crypto.sign('sha256', Buffer.from(input, 'latin1'), privateKey).toString('base64');
      return `DKIM-Signature: ${value}${foldBase64(b)}`;
    },
  };
}

/** RFC 6376 §3.4.2: unfold, runs of white space to one space, none at either end. */
export function relaxedHeaderValue(v: string): string {
  return v
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * RFC 6376 §3.4.4: runs of white space to one space, none at line ends, no empty lines at the end, one final CRLF.
 * Bodies from the builder end in CRLF and rarely hold runs of white space, so the common case copies nothing.
 */
export function relaxedBody(body: string): string {
  return trimEmptyLines(
    /\t| {2}| \r\n/.test(body) ? body.replace(/[ \t]+\r\n/g, '\r\n').replace(/[ \t]+/g, ' ') : body,
  );
}

/** No empty lines at the end, one final CRLF (a non-empty body). */
function trimEmptyLines(body: string): string {
  let b = body;
  let end = b.length;
  while (end >= 4 && b.charCodeAt(end - 1) === 10 && b.charCodeAt(end - 3) === 10 && b.charCodeAt(end - 2) === 13) {
    end -= 2;
  }
  if (end !== b.length) b = b.slice(0, end);
  if (b.length && !b.endsWith('\r\n')) b += '\r\n';
  return b;
}

function foldBase64(b: string): string {
  let out = '';
  for (let i = 0; i < b.length; i += 72) out += (i ? '\r\n ' : '') + b.slice(i, i + 72);
  return out;
}
