import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkReferences } from './check-references.ts';
import type { TFlowUpdate } from './contracts.ts';
import { getFlow, getFlowRow, triggerEventOf } from './flow-row.ts';
import { checkGraph } from './graph.ts';
import { flows, flowVersions } from './schema.ts';

/**
 * Saves a flow. A draft may be incomplete (its `issues` say what is missing); an active flow must stay valid. A change
 * of trigger or steps makes a new version: contacts already in the flow finish the version they started.
 */
export async function updateFlow({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TFlowUpdate;
}) {
  await db.transaction(async (tx) => {
    const before = await getFlowRow(tx, workspaceId, id, { forUpdate: true });
    const trigger = input.trigger ?? before.trigger;
    const graph = input.graph ?? before.graph;
    const reentry = input.reentry ?? before.reentry;
    const reentryDays = input.reentryDays !== undefined ? input.reentryDays : before.reentryDays;
    if (reentry === 'after' && !reentryDays)
      throw AppError.validation([{ field: 'reentryDays', message: 'is required when re-entry is "after"' }]);
    const changed =
      JSON.stringify(trigger) !== JSON.stringify(before.trigger) ||
      JSON.stringify(graph) !== JSON.stringify(before.graph);
    if (changed) {
      const active = before.status === 'active';
      const issues = [
        ...(active ? checkGraph(graph) : []),
        ...(await checkReferences(tx, workspaceId, trigger, graph, { compile: active })),
      ];
      if (issues.length) throw AppError.validation(issues.map(({ field, message }) => ({ field, message })));
    }
    const version = changed ? before.version + 1 : before.version;
    await tx
      .update(flows)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? null } : {}),
        trigger,
        triggerEvent: triggerEventOf(trigger),
        graph,
        reentry,
        reentryDays: reentry === 'after' ? reentryDays : null,
        version,
        updatedAt: new Date(),
      })
      .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
    if (changed)
      await tx.insert(flowVersions).values({ workspaceId, flowId: id, version, trigger, graph }).onConflictDoNothing();
  });
  return getFlow({ db, workspaceId, id });
}
