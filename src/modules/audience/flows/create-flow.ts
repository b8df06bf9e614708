import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { checkReferences } from './check-references.ts';
import type { TFlowCreate } from './contracts.ts';
import { getFlow, triggerEventOf } from './flow-row.ts';
import type { FlowGraph, FlowTrigger } from './graph.ts';
import { flows, flowVersions, newFlowWebhookSecret } from './schema.ts';
import { setFlowStatus } from './set-flow-status.ts';
import { flowTemplate } from './templates.ts';

/** A new flow, blank or from a ready-made one; a draft unless `activate` (which then checks it like activation). */
export async function createFlow({
  db,
  workspaceId,
  actorId,
  input,
}: {
  db: Db;
  workspaceId: string;
  actorId: string | null;
  input: TFlowCreate;
}) {
  const template = input.fromTemplate ? flowTemplate(input.fromTemplate) : undefined;
  if (input.fromTemplate && !template)
    throw AppError.validation([{ field: 'fromTemplate', message: `no ready-made flow "${input.fromTemplate}"` }]);
  const name = input.name ?? template?.name;
  if (!name) throw AppError.validation([{ field: 'name', message: 'is required' }]);
  const trigger: FlowTrigger = input.trigger ?? template?.trigger ?? { type: 'manual', config: {} };
  const graph: FlowGraph = input.graph ?? structuredClone(template?.graph) ?? { nodes: [], edges: [] };
  const reentry = input.reentry ?? template?.reentry ?? 'once';
  const reentryDays = input.reentryDays ?? template?.reentryDays ?? null;
  if (reentry === 'after' && !reentryDays)
    throw AppError.validation([{ field: 'reentryDays', message: 'is required when re-entry is "after"' }]);
  const wrong = await checkReferences(db, workspaceId, trigger, graph, { compile: false });
  if (wrong.length) throw AppError.validation(wrong.map(({ field, message }) => ({ field, message })));
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(flows).values({
      workspaceId,
      id,
      name,
      description: input.description ?? template?.description ?? null,
      trigger,
      triggerEvent: triggerEventOf(trigger),
      graph,
      reentry,
      reentryDays: reentry === 'after' ? reentryDays : null,
      webhookSecret: newFlowWebhookSecret(),
      templateKey: template?.key ?? null,
      createdBy: actorId,
    });
    await tx.insert(flowVersions).values({ workspaceId, flowId: id, version: 1, trigger, graph });
  });
  if (input.activate) await setFlowStatus({ db, workspaceId, id, status: 'active' });
  return getFlow({ db, workspaceId, id });
}
