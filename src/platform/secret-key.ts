import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The installation's secret key (what seals stored credentials: see secrets.ts). Apart from secrets.ts so the
// configuration can check FREEHOLD_SECRET_KEY without importing the database layer.

export type SecretKey = { key: Buffer; source: string };
/** The key from FREEHOLD_SECRET_KEY, else from `<dataDir>/secret.key`, made (32 random bytes, mode 0600) if absent. */
export function loadSecretKey(config: { dataDir: string; secretKey: Buffer | undefined }): SecretKey {
  if (config.secretKey) return { key: config.secretKey, source: 'FREEHOLD_SECRET_KEY' };
  const file = path.join(config.dataDir, 'secret.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole to a file of its own, then linked into place: of two processes starting at once, one key wins and
    // neither can read a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a secret key (32 bytes, base64 or hex)`);
  return { key, source: file };
}

/** 32 bytes written as base64 or as 64 hex digits; null for anything else. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  return key.length === 32 ? key : null;
}
