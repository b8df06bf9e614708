import path from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from './secret-key.ts';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  FREEHOLD_DATA_DIR: z.string().default('./data'),
  /** Seals stored credentials (src/platform/secrets.ts): 32 bytes, base64 or hex. Default: `<data dir>/secret.key`. */
  FREEHOLD_SECRET_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** Largest accepted upload, in bytes (imports). */
  FREEHOLD_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secretKey: Buffer | undefined;
  smtpUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  production: boolean;
  maxUploadBytes: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const secretKey = e.FREEHOLD_SECRET_KEY ? parseSecretKey(e.FREEHOLD_SECRET_KEY) : undefined;
  if (secretKey === null) {
    throw new Error(
      'Invalid configuration:\n  FREEHOLD_SECRET_KEY: expected 32 bytes, base64 or hex (openssl rand -base64 32)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.FREEHOLD_DATA_DIR),
    secretKey,
    smtpUrl: e.SMTP_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    maxUploadBytes: e.FREEHOLD_MAX_UPLOAD_BYTES,
  };
}
