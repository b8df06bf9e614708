import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { type SuppressionReason, suppressions } from '../schema.ts';

export async function suppressionOf(db: DbOrTx, workspaceId: string, email: string) {
  const [row] = await db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, email.toLowerCase())));
  return row?.reason ?? null;
}

/** The subset of `emails` that may not be mailed. */
export async function suppressedAmong(db: DbOrTx, workspaceId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: suppressions.email })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        inArray(
          suppressions.email,
          emails.map((e) => e.toLowerCase()),
        ),
      ),
    );
  return new Set(rows.map((r) => r.email));
}

/** A hard bounce or a complaint outranks an unsubscribe; the first strong reason stays. */
export async function suppress(
  db: DbOrTx,
  workspaceId: string,
  email: string,
  reason: SuppressionReason,
  detail?: string | null,
): Promise<void> {
  await db
    .insert(suppressions)
    .values({ workspaceId, email: email.toLowerCase(), reason, detail: detail ?? null })
    .onConflictDoNothing();
}
