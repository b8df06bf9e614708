import crypto from 'node:crypto';

/**
 * Consent evidence says "this request came from that address" without keeping the address: a SHA-256 keyed with the
 * workspace's signing key (HMAC), so equal addresses match within a workspace and a leaked table reveals no IPs,
 * nor can it be matched across workspaces or brute-forced over the IPv4 space without the key.
 */
export function hashIp(signingKeyHex: string, ip: string | null | undefined): string | null {
  if (!ip) return null;
  return crypto.createHmac('sha256', Buffer.from(signingKeyHex, 'hex')).update(ip).digest('hex');
}
