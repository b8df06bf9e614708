import crypto from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import { loadConfig } from './config.ts';
import type { DbOrTx } from './db/client.ts';
import { AppError } from './errors.ts';
import { loadSecretKey, type SecretKey } from './secret-key.ts';

/**
 * Credentials the business hands us (SMTP and IMAP passwords, DKIM private keys, carrier API secrets, storefront
 * webhook secrets), and the secrets we make for a workspace (its link-signing key, webhook tokens), are stored
 * sealed: AES-256-GCM under the installation's secret key, with the table and column as associated data, so a value
 * cannot be moved to another column and still open. What this protects: a database dump, a backup of the database
 * alone, a read-only database user, a query that leaks a column. What it does not: someone who has both the database
 * and the key (a copy of the whole data folder when the key file is in it). See docs/adr/0008-secrets-at-rest.md.
 *
 * Stored form: `fh1:` + base64url(iv[12] ‖ tag[16] ‖ ciphertext). A value without the prefix was written before
 * sealing existed; it is read as it is, and `sealStoredSecrets` seals it at the next start.
 */
const PREFIX = 'fh1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

let active: SecretKey | null = null;

/** Makes `key` the one this process seals and opens with (each process calls it once, when it opens the database). */
export function setSecretKey(key: SecretKey): void {
  active = key;
}

function currentKey(): SecretKey {
  // A script that never opened the database through openDatabase (a bench, a one-off) gets the key the server uses.
  active ??= loadSecretKey(loadConfig());
  return active;
}

export function sealSecret(plain: string, label: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const c = crypto.createCipheriv('aes-256-gcm', currentKey().key, iv);
  c.setAAD(Buffer.from(label));
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

export function openSecret(stored: string, label: string): string {
  if (!isSealed(stored)) return stored;
  const { key, source } = currentKey();
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    d.setAAD(Buffer.from(label));
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'INTERNAL',
      `A stored credential (${label}) cannot be opened with this installation's secret key (${source}). ` +
        'Start Freehold with the key it was stored under (FREEHOLD_SECRET_KEY, or the secret.key file of the data ' +
        'folder). If that key is lost, so is the credential: `npx freehold secrets forget-unreadable` clears it, ' +
        'then enter it again.',
    );
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

type SealedColumn = { table: string; column: string; renew?: () => string };
const sealedColumns: SealedColumn[] = [];

/**
 * A text column stored sealed: Drizzle seals on write and opens on read, so use cases handle plain strings. Never
 * compare such a column in SQL (each sealing is different) and never read it with raw SQL. `renew` makes a fresh
 * value for a secret Freehold made itself, which `forgetUnreadableSecrets` puts in place of one it cannot open (an
 * empty webhook token would match an empty `?token=`).
 */
export function sealedText(table: string, column: string, opts: { renew?: () => string } = {}) {
  const label = `${table}.${column}`;
  sealedColumns.push({ table, column, ...opts });
  return customType<{ data: string; driverData: string }>({
    dataType: () => 'text',
    toDriver: (v) => sealSecret(v, label),
    fromDriver: (v) => openSecret(v, label),
  })(column);
}

/**
 * Seals what was stored in the clear (before sealing existed, or written by raw SQL). Runs after the migrations at
 * every start; a value already sealed is left alone, so it is cheap and safe to repeat.
 */
export async function sealStoredSecrets(db: DbOrTx): Promise<number> {
  let sealed = 0;
  for (const { table, column } of sealedColumns) {
    sealed += await rewriteStored(db, table, column, 'plain', (v) => sql`${sealSecret(v, `${table}.${column}`)}`);
  }
  return sealed;
}

/**
 * For a lost key: clears every sealed value this key cannot open (null, or '' where the column may not be null), so
 * the credential can be entered again; a secret Freehold made (`renew`) is replaced by a fresh one instead. Only ever
 * run by hand — at start, a wrong key (one machine not given FREEHOLD_SECRET_KEY) would otherwise wipe good
 * credentials.
 */
export async function forgetUnreadableSecrets(
  db: DbOrTx,
): Promise<{ table: string; column: string; cleared: number; renewed: boolean }[]> {
  const out: { table: string; column: string; cleared: number; renewed: boolean }[] = [];
  for (const { table, column, renew } of sealedColumns) {
    const label = `${table}.${column}`;
    const nullable = await db.execute<{ n: string }>(sql`select is_nullable as n from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`);
    const blank = nullable.rows[0]?.n === 'NO' ? sql`''` : sql`null`;
    const cleared = await rewriteStored(db, table, column, 'sealed', (v) => {
      try {
        openSecret(v, label);
        return null;
      } catch {
        return renew ? sql`${sealSecret(renew(), label)}` : blank;
      }
    });
    out.push({ table, column, cleared, renewed: !!renew });
  }
  return out;
}

/**
 * Each distinct value of the column that is sealed (or, with 'plain', not sealed and not null) goes through `next`;
 * where it answers a replacement, every row holding that value gets it. Returns the rows changed.
 */
async function rewriteStored(
  db: DbOrTx,
  table: string,
  column: string,
  which: 'plain' | 'sealed',
  next: (stored: string) => SQL | null,
): Promise<number> {
  const t = sql.identifier(table);
  const c = sql.identifier(column);
  // `left(null, 4) <> …` is null, so 'plain' leaves nulls out.
  const r = await db.execute<{ v: string }>(
    sql`select distinct ${c} as v from ${t} where left(${c}, 4) ${which === 'sealed' ? sql`=` : sql`<>`} ${PREFIX}`,
  );
  let changed = 0;
  for (const { v } of r.rows) {
    const to = next(v);
    if (to === null) continue;
    const u = await db.execute(sql`update ${t} set ${c} = ${to} where ${c} = ${v}`);
    changed += u.rowCount ?? 0;
  }
  return changed;
}
