import crypto from 'node:crypto';
import type { DbOrTx } from '../../platform/db/client.ts';
import { audienceSettingsFor, existingAudienceSettings } from './settings.ts';

/**
 * Signed tokens for public links in emails (open pixel, click, unsubscribe, preferences, confirmation, download).
 * Layout: purpose(1) | workspace uuid(16) | subject uuid(16) | extra(0..n) | expiry unix s (4, 0 = never) | HMAC(10).
 * The workspace id travels inside, so a hit finds its key without a query; the HMAC makes every byte tamper-evident.
 *
 * Click links made by `clickSigner` (purpose byte 7) are signed in two halves instead:
 *   7 | workspace(16) | message(16) | target URL | HMAC(ws ‖ message)[8] | HMAC(ws ‖ URL)[8]
 * A newsletter has a dozen links and goes to many thousands of people: with one HMAC over (message, URL) per link, a
 * bulk send spent more CPU on link signatures than on rendering. With halves, each message is signed once and each
 * URL once per send. Either half alone proves nothing; together they say "this workspace sent this message" and "this
 * workspace links to this URL", so a recipient can still only be redirected to a URL the workspace put in an email
 * (no open redirect). What a recipient could do — pair their own message with a URL the workspace sent them in
 * another email — records a click they could have made anyway. Each half is 64 bits (forging one means ~2^63 tries
 * against the server). Tokens of the older one-MAC layout (purpose byte 1) stay valid.
 */
export type LinkPurpose = 'open' | 'click' | 'unsubscribe' | 'preferences' | 'confirm' | 'download' | 'view';
const PURPOSES: LinkPurpose[] = ['open', 'click', 'unsubscribe', 'preferences', 'confirm', 'download', 'view'];
const MAC_BYTES = 10;
const SPLIT_CLICK = 7;
const HALF_MAC_BYTES = 8;
// Domain separation: a half-MAC input starts with a byte no whole-token body starts with (those start with 0–7).
const MESSAGE_HALF = 0x81;
const URL_HALF = 0x82;

export type LinkClaims = {
  purpose: LinkPurpose;
  workspaceId: string;
  /** A message id (open, click, unsubscribe, view), a contact id (preferences), a membership or download id… */
  subjectId: string;
  /** Purpose-specific bytes: the link number of a click, the list of a confirmation. */
  extra: Buffer;
  expiresAt: Date | null;
};

export async function signLink(
  db: DbOrTx,
  claims: Omit<LinkClaims, 'extra' | 'expiresAt'> & { extra?: Buffer; expiresAt?: Date | null },
): Promise<string> {
  const key = (await audienceSettingsFor(db, claims.workspaceId)).signingKey;
  return signWithKey(key, claims);
}

export function signWithKey(
  keyHex: string,
  claims: Omit<LinkClaims, 'extra' | 'expiresAt'> & { extra?: Buffer; expiresAt?: Date | null },
): string {
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(claims.expiresAt ? Math.floor(claims.expiresAt.getTime() / 1000) : 0);
  const body = Buffer.concat([
    Buffer.from([PURPOSES.indexOf(claims.purpose)]),
    uuidBytes(claims.workspaceId),
    uuidBytes(claims.subjectId),
    claims.extra ?? Buffer.alloc(0),
    expiry,
  ]);
  const mac = crypto.createHmac('sha256', secretKey(keyHex)).update(body).digest().subarray(0, MAC_BYTES);
  return Buffer.concat([body, mac]).toString('base64url');
}

// A bulk send signs a dozen links per message with the same key: parse the hex key once, not per signature.
const keys = new Map<string, crypto.KeyObject>();
function secretKey(hex: string): crypto.KeyObject {
  let k = keys.get(hex);
  if (!k) {
    if (keys.size > 1000) keys.clear();
    k = crypto.createSecretKey(Buffer.from(hex, 'hex'));
    keys.set(hex, k);
  }
  return k;
}

/** Reads a token without trusting it: the caller must then `verifyLink` with the workspace's key. */
export function readLink(token: string): (LinkClaims & { body: Buffer; mac: Buffer }) | null {
  if (token.length > 3000 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw[0] === SPLIT_CLICK) {
    if (raw.length < 1 + 16 + 16 + 2 * HALF_MAC_BYTES) return null;
    const body = raw.subarray(0, raw.length - 2 * HALF_MAC_BYTES);
    return {
      purpose: 'click',
      workspaceId: uuidString(body.subarray(1, 17)),
      subjectId: uuidString(body.subarray(17, 33)),
      extra: Buffer.from(body.subarray(33)),
      expiresAt: null,
      body,
      mac: raw.subarray(body.length),
    };
  }
  if (raw.length < 1 + 16 + 16 + 4 + MAC_BYTES) return null;
  const purpose = PURPOSES[raw[0] ?? 255];
  if (!purpose) return null;
  const body = raw.subarray(0, raw.length - MAC_BYTES);
  const mac = raw.subarray(raw.length - MAC_BYTES);
  const seconds = body.readUInt32BE(body.length - 4);
  return {
    purpose,
    workspaceId: uuidString(body.subarray(1, 17)),
    subjectId: uuidString(body.subarray(17, 33)),
    extra: Buffer.from(body.subarray(33, body.length - 4)),
    expiresAt: seconds === 0 ? null : new Date(seconds * 1000),
    body,
    mac,
  };
}

/**
 * The claims of a valid token of the expected purpose, or null (bad signature, wrong purpose, expired). Callers
 * answer null with one and the same error, so a prober learns nothing about which check failed.
 */
export async function verifyLink(
  db: DbOrTx,
  token: string,
  purpose: LinkPurpose,
  now = new Date(),
): Promise<LinkClaims | null> {
  const parsed = readLink(token);
  if (!parsed || parsed.purpose !== purpose) return null;
  const settings = await existingAudienceSettings(db, parsed.workspaceId);
  if (!settings) return null;
  const key = secretKey(settings.signingKey);
  if (parsed.body[0] === SPLIT_CLICK) {
    if (!validClickHalves(key, parsed.body, parsed.mac)) return null;
  } else {
    const expected = crypto.createHmac('sha256', key).update(parsed.body).digest().subarray(0, MAC_BYTES);
    if (expected.length !== parsed.mac.length || !crypto.timingSafeEqual(expected, parsed.mac)) return null;
  }
  if (parsed.expiresAt && parsed.expiresAt.getTime() < now.getTime()) return null;
  const { body: _b, mac: _m, ...claims } = parsed;
  return claims;
}

/**
 * Valid URL halves seen, per key: a newsletter's clicks go to its dozen URLs, so after the first click on each, a
 * click costs one HMAC (its message half) instead of two. Only halves that verified are kept, keyed by the exact
 * workspace, URL and MAC bytes, so a hit answers what recomputing would; a renewed key is another KeyObject, with an
 * empty set of its own.
 */
const verifiedUrlHalves = new WeakMap<crypto.KeyObject, Set<string>>();

function validClickHalves(key: crypto.KeyObject, body: Buffer, mac: Buffer): boolean {
  if (mac.length !== 2 * HALF_MAC_BYTES) return false;
  const messageHalf = halfMac(key, MESSAGE_HALF, body.subarray(1, 33));
  if (!crypto.timingSafeEqual(messageHalf, mac.subarray(0, HALF_MAC_BYTES))) return false;
  const urlHalf = mac.subarray(HALF_MAC_BYTES);
  let seen = verifiedUrlHalves.get(key);
  if (!seen) {
    seen = new Set();
    verifiedUrlHalves.set(key, seen);
  }
  const id = Buffer.concat([body.subarray(1, 17), urlHalf, body.subarray(33)]).toString('latin1');
  if (seen.has(id)) return true;
  if (!crypto.timingSafeEqual(halfMac(key, URL_HALF, body.subarray(1, 17), body.subarray(33)), urlHalf)) return false;
  if (seen.size >= 10_000) seen.clear();
  seen.add(id);
  return true;
}

const DOMAIN_BYTES = { [MESSAGE_HALF]: Buffer.of(MESSAGE_HALF), [URL_HALF]: Buffer.of(URL_HALF) };

/** `HMAC(key, domain ‖ data…)`, cut to a half-MAC. */
function halfMac(key: crypto.KeyObject, domain: typeof MESSAGE_HALF | typeof URL_HALF, ...data: Buffer[]): Buffer {
  const h = crypto.createHmac('sha256', key).update(DOMAIN_BYTES[domain]);
  for (const d of data) h.update(d);
  return h.digest().subarray(0, HALF_MAC_BYTES);
}

export type ClickSigner = {
  /** The click-token maker of one message: `(url) => token`. */
  forMessage(messageId: string): (url: string) => string;
};

const signers = new Map<string, ClickSigner>();

/**
 * Click tokens of one workspace key (see the top of this file). The URL halves are kept (up to 10,000 URLs a
 * signer, one signer a key and workspace), so a send signs each link once; the message half is made on the first
 * link of a message.
 */
export function clickSigner(keyHex: string, workspaceId: string): ClickSigner {
  const id = `${keyHex}:${workspaceId}`;
  let signer = signers.get(id);
  if (!signer) {
    if (signers.size >= 1000) signers.clear();
    signer = newClickSigner(keyHex, workspaceId);
    signers.set(id, signer);
  }
  return signer;
}

function newClickSigner(keyHex: string, workspaceId: string): ClickSigner {
  const key = secretKey(keyHex);
  const ws = uuidBytes(workspaceId);
  const urlMacs = new Map<string, Buffer>();
  const urlMac = (url: string, urlBytes: Buffer) => {
    let mac = urlMacs.get(url);
    if (!mac) {
      if (urlMacs.size >= 10_000) urlMacs.clear();
      mac = halfMac(key, URL_HALF, ws, urlBytes);
      urlMacs.set(url, mac);
    }
    return mac;
  };
  return {
    forMessage(messageId) {
      const ids = Buffer.concat([ws, uuidBytes(messageId)]);
      let messageMac: Buffer | null = null;
      return (url) => {
        messageMac ??= halfMac(key, MESSAGE_HALF, ids);
        const urlBytes = Buffer.from(url, 'utf8');
        const out = Buffer.allocUnsafe(1 + 32 + urlBytes.length + 2 * HALF_MAC_BYTES);
        out[0] = SPLIT_CLICK;
        ids.copy(out, 1);
        urlBytes.copy(out, 33);
        messageMac.copy(out, 33 + urlBytes.length);
        urlMac(url, urlBytes).copy(out, 33 + urlBytes.length + HALF_MAC_BYTES);
        return out.toString('base64url');
      };
    },
  };
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
