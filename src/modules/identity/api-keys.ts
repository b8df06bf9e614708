import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { apiKeys } from './schema.ts';
import { randomToken, sha256 } from './secrets.ts';
import { API_KEY_PREFIX } from './sessions.ts';

/** The key is shown once; only its SHA-256 is kept. */
export async function createApiKey({
  db,
  workspaceId,
  name,
  createdBy,
}: {
  db: DbOrTx;
  workspaceId: string;
  name: string;
  createdBy: string | null;
}) {
  const key = `${API_KEY_PREFIX}${randomToken(24)}`;
  const id = newId();
  await db.insert(apiKeys).values({
    workspaceId,
    id,
    name: name.trim() || 'API key',
    prefix: key.slice(0, 10),
    keyHash: sha256(key),
    createdBy,
  });
  return { id, name, key, prefix: key.slice(0, 10) };
}

export async function listApiKeys({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const r = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!r.length) throw AppError.notFound('API key');
}
