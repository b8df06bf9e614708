import crypto from 'node:crypto';
import type { DbOrTx } from '../../platform/db/client.ts';
import { audienceSettingsFor, existingAudienceSettings } from './settings.ts';

/**
 * Signed tokens for public links in emails (open pixel, click, unsubscribe, preferences, confirmation, download).
 * Layout: purpose(1) | workspace uuid(16) | subject uuid(16) | extra(0..n) | expiry unix s (4, 0 = never) | HMAC(10).
 * The workspace id travels inside, so a hit finds its key without a query; the HMAC makes every byte tamper-evident.
 */
export type LinkPurpose = 'open' | 'click' | 'unsubscribe' | 'preferences' | 'confirm' | 'download' | 'view';
const PURPOSES: LinkPurpose[] = ['open', 'click', 'unsubscribe', 'preferences', 'confirm', 'download', 'view'];
const MAC_BYTES = 10;

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
  const key = settings.signingKey;
  const expected = crypto
    .createHmac('sha256', Buffer.from(key, 'hex'))
    .update(parsed.body)
    .digest()
    .subarray(0, MAC_BYTES);
  if (!crypto.timingSafeEqual(expected, parsed.mac)) return null;
  if (parsed.expiresAt && parsed.expiresAt.getTime() < now.getTime()) return null;
  const { body: _b, mac: _m, ...claims } = parsed;
  return claims;
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
