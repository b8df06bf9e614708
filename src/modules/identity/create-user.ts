import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { users } from './schema.ts';
import { hashPassword } from './secrets.ts';

export const MIN_PASSWORD = 8;

export function checkCredentials(email: string, password: string | undefined): void {
  const fields: FieldError[] = [];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fields.push({ field: 'email', message: 'is not an email address' });
  if (password !== undefined && password.length < MIN_PASSWORD)
    fields.push({ field: 'password', message: `must be at least ${MIN_PASSWORD} characters` });
  if (fields.length) throw AppError.validation(fields);
}

export async function createUser({
  db,
  email,
  name,
  password,
}: {
  db: DbOrTx;
  email: string;
  name?: string;
  password: string;
}) {
  checkCredentials(email, password);
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing.length)
    throw new AppError('CONFLICT', 'An account with this email already exists.', [
      { field: 'email', message: 'is already registered' },
    ]);
  const [user] = await db
    .insert(users)
    .values({
      id: newId(),
      email: email.trim(),
      name: name?.trim() || email.split('@')[0]!,
      passwordHash: await hashPassword(password),
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user!;
}

export async function getUser(db: DbOrTx, id: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, id));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return user;
}
