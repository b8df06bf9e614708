import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt parameters as OWASP's password storage cheat sheet recommends (N=2^17 is their first choice; 2^15 with r=8
// keeps one hash near 50 ms on our 2-core machines while staying above their minimum).
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 64;
const MAXMEM = 128 * N * R * 2;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that costs as much as a real check, so unknown emails take as long to refuse as wrong passwords. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(86)}`;

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens (sessions, API keys, invitations) are stored only as SHA-256: high-entropy, so no slow hash is needed. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
