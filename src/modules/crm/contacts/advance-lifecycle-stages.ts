import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { emitEvents } from '../../../platform/events/outbox.ts';
import { appendTimeline, type TimelineEntryInput } from '../timeline.ts';

// Moving many contacts forward on the lifecycle at once, for other modules' bulk writers (an order batch makes its
// customers customers): what updateContact writes for a stage change, in a fixed number of statements.

/** The workspace's stage keys → positions (its lifecycle ladder). */
export async function stagePositions(tx: Tx, workspaceId: string): Promise<Map<string, number>> {
  const r = await tx.execute<{ key: string; position: number }>(
    sql`select key, position from lifecycle_stages where workspace_id = ${workspaceId}`,
  );
  return new Map(r.rows.map((s) => [s.key, s.position]));
}

/** The first of the wanted stages the workspace lists (a workspace may have dropped or renamed some). */
export const firstListed = (wanted: readonly string[], positions: Map<string, number>): string | null =>
  wanted.find((s) => positions.has(s)) ?? null;

/**
 * Locks these contacts' rows (in id order, so two transactions queue rather than deadlock) to the end of the
 * caller's transaction: whatever decides their stages (the caller's counts) is then read with no other writer
 * moving them in between.
 */
export async function lockContacts(tx: Tx, workspaceId: string, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  await tx.execute(sql`
    select id from contacts where workspace_id = ${workspaceId} and id = any(${uuidArray([...contactIds].sort())})
    order by id for update`);
}

export type StageMove = {
  contactId: string;
  /** The stages wanted, best first: the first the workspace lists is the target (none listed: no move). */
  to: readonly string[];
};

/**
 * Moves contacts forward on the workspace's lifecycle, never back: a contact already at the target, or at a stage
 * placed after it (an advocate stays an advocate), keeps its stage; a stage the workspace no longer lists counts as
 * the start. Each move writes what updateContact writes for a stage change — the column, a `field_change` timeline
 * entry (with `by`, what moved it), `contact.updated` and `contact.lifecycle_stage_changed` — for all contacts in a
 * fixed number of statements. Answers the moves made.
 */
export async function advanceLifecycleStages(
  tx: Tx,
  { workspaceId, actorId, moves, by }: { workspaceId: string; actorId: string | null; moves: StageMove[]; by?: string },
): Promise<{ contactId: string; from: string; to: string }[]> {
  if (!moves.length) return [];
  const r = await tx.execute<{ id: string; stage: string }>(sql`
    select id, lifecycle_stage as stage from contacts
    where workspace_id = ${workspaceId} and id = any(${uuidArray(moves.map((m) => m.contactId))})`);
  const current = new Map(r.rows.map((c) => [c.id, c.stage]));
  const pos = await stagePositions(tx, workspaceId);
  const changes: { contactId: string; from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const m of moves) {
    const from = current.get(m.contactId);
    const target = firstListed(m.to, pos);
    if (from === undefined || !target || from === target || seen.has(m.contactId)) continue;
    if ((pos.get(from) ?? -1) >= pos.get(target)!) continue;
    seen.add(m.contactId);
    changes.push({ contactId: m.contactId, from, to: target });
  }
  if (!changes.length) return changes;
  await tx.execute(sql`
    update contacts c set lifecycle_stage = u.stage, updated_at = now()
    from unnest(${uuidArray(changes.map((c) => c.contactId))}, ${textArray(changes.map((c) => c.to))}) as u(id, stage)
    where c.workspace_id = ${workspaceId} and c.id = u.id`);
  const timeline: TimelineEntryInput[] = changes.map((c) => ({
    workspaceId,
    contactId: c.contactId,
    kind: 'field_change',
    actorId,
    data: { changes: [{ field: 'lifecycleStage', from: c.from, to: c.to }], ...(by ? { by } : {}) },
  }));
  await appendTimeline(tx, timeline);
  await emitEvents(
    tx,
    changes.flatMap((c) => [
      { workspaceId, type: 'contact.updated', subjectId: c.contactId, payload: { fields: ['lifecycleStage'] } },
      {
        workspaceId,
        type: 'contact.lifecycle_stage_changed',
        subjectId: c.contactId,
        payload: { from: c.from, to: c.to },
      },
    ]),
  );
  return changes;
}
