import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { audienceSettings, newLinkSigningKey } from './schema.ts';

export type AudienceSettings = typeof audienceSettings.$inferSelect;

// Signing keys never change once made, so a process may keep them: tracking hits must not cost a look-up each.
const cache = new Map<string, AudienceSettings>();

/** The workspace's audience settings, made on first use (workspaces older than the module have none). */
export async function audienceSettingsFor(db: DbOrTx, workspaceId: string): Promise<AudienceSettings> {
  const hit = cache.get(workspaceId);
  if (hit) return hit;
  await db
    .insert(audienceSettings)
    .values({
      workspaceId,
      signingKey: newLinkSigningKey(),
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(audienceSettings).where(eq(audienceSettings.workspaceId, workspaceId));
  if (!row) throw new Error(`audience settings missing for ${workspaceId}`);
  remember(row);
  return row;
}

/** Read-only: for public hits, whose workspace id may be forged and must not create anything. */
export async function existingAudienceSettings(db: DbOrTx, workspaceId: string): Promise<AudienceSettings | null> {
  const hit = cache.get(workspaceId);
  if (hit) return hit;
  const [row] = await db.select().from(audienceSettings).where(eq(audienceSettings.workspaceId, workspaceId));
  if (!row) return null;
  remember(row);
  return row;
}

/** After a settings change (postal address), so cached copies do not show the old value. */
export function forgetAudienceSettings(workspaceId: string): void {
  cache.delete(workspaceId);
}

function remember(row: AudienceSettings) {
  cache.set(row.workspaceId, row);
}
