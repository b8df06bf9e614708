import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Storefront signatures, exactly as the platforms compute them:
// - Shopify: `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(raw body bytes, app client secret)).
// - WooCommerce: `X-WC-Webhook-Signature` = base64(HMAC-SHA256(raw body bytes, webhook secret)), where WooCommerce
//   signs with `wp_specialchars_decode($secret, ENT_QUOTES)` (class-wc-webhook.php, generate_signature).
// Both are over the bytes as sent: a body parsed and serialised again (key order, "\/" escapes, spacing) no longer
// matches, so the routes keep the raw buffer.

/** A SHA-256 digest in base64: 32 bytes → 43 characters and one "=" pad. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/** Constant-time comparison of the presented base64 digest with the one computed over `body`. */
export function checkHmacSha256Base64(body: Buffer, key: string, presented: string | undefined): SignatureCheck {
  if (!presented) return { ok: false, reason: 'missing' };
  const p = presented.trim();
  if (!BASE64_SHA256.test(p)) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest();
  // Both are 32 bytes here (the regex fixes the decoded length), so timingSafeEqual never throws on length.
  return timingSafeEqual(expected, Buffer.from(p, 'base64')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/**
 * PHP's `wp_specialchars_decode($s, ENT_QUOTES)`: named entities as written (case-sensitive), decimal ones with any
 * leading zeros, hex ones with either x; one pass, as WordPress's strtr does ("&amp;lt;" gives "&lt;", not "<").
 */
const WP_DECODED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '39': "'",
  '34': '"',
  '60': '<',
  '62': '>',
  '38': '&',
  x27: "'",
  x22: '"',
  x26: '&',
};
export const wpSpecialcharsDecode = (s: string): string =>
  s.replace(
    /&(?:(amp|lt|gt|quot)|#0*(39|34|60|62|38)|#[xX]0*(27|22|26));/g,
    (m, named?: string, dec?: string, hex?: string) => WP_DECODED[named ?? dec ?? (hex ? `x${hex}` : '')] ?? m,
  );

export const checkShopify = (body: Buffer, secret: string, header: string | undefined) =>
  checkHmacSha256Base64(body, secret, header);

export const checkWooCommerce = (body: Buffer, secret: string, header: string | undefined) =>
  checkHmacSha256Base64(body, wpSpecialcharsDecode(secret), header);

/** Signing helpers for tests, fixtures and the docs' examples: the same computation the platforms make. */
export const signBase64 = (body: Buffer | string, key: string): string =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64');

export const sha256Hex = (body: Buffer): string => createHash('sha256').update(body).digest('hex');
