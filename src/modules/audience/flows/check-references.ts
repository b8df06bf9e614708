import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { compileTemplate } from '../../../platform/mail/render.ts';
import { listCustomFields } from '../../crm/index.ts';
import { listMembers } from '../../identity/index.ts';
import { audienceLists, emailTemplates } from '../schema.ts';
import type { FlowGraph, FlowTrigger, GraphIssue } from './graph.ts';
import { ruleProblems, segmentExists } from './segment-conditions.ts';

/**
 * What the graph names in the workspace must exist there: lists, templates, segments, date fields, users (checked on
 * every save: a draft may be incomplete, not wrong). An id from another workspace reads as missing, and no message
 * repeats the id. With `compile`, inline emails must also be valid MJML (on activation). Each issue names its step.
 */
export async function checkReferences(
  db: DbOrTx,
  workspaceId: string,
  trigger: FlowTrigger,
  graph: FlowGraph,
  opts: { compile: boolean },
): Promise<GraphIssue[]> {
  const issues: GraphIssue[] = [];
  const fields = await listCustomFields({ db, workspaceId, entity: 'contact' });
  const dateFields = new Set(fields.filter((f) => f.type === 'date').map((f) => `custom.${f.key}`));
  const allFields = new Set(fields.map((f) => `custom.${f.key}`));

  if (trigger.type === 'list_subscribed' && trigger.config.listId) {
    const [l] = await db
      .select({ id: audienceLists.id })
      .from(audienceLists)
      .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, trigger.config.listId)));
    if (!l) issues.push({ field: 'trigger.config.listId', message: 'Trigger: no such list', stepId: null });
  }
  if (
    trigger.type === 'date_anniversary' &&
    trigger.config.field !== 'created_at' &&
    !dateFields.has(trigger.config.field)
  )
    issues.push({
      field: 'trigger.config.field',
      message: `Trigger: ${trigger.config.field} is not a date field of contacts`,
      stepId: null,
    });

  const templateIds = graph.nodes.flatMap((n) =>
    n.type === 'send_email' && n.config.templateId ? [n.config.templateId] : [],
  );
  const templates = new Set(
    templateIds.length
      ? (
          await db
            .select({ id: emailTemplates.id })
            .from(emailTemplates)
            .where(and(eq(emailTemplates.workspaceId, workspaceId), inArray(emailTemplates.id, templateIds)))
        ).map((r) => r.id)
      : [],
  );
  const needsMembers = graph.nodes.some(
    (n) =>
      (n.type === 'create_task' && n.config.assignee !== 'owner' && n.config.assignee !== 'unassigned') ||
      (n.type === 'notify' && n.config.userId !== 'owner'),
  );
  const members = new Set(needsMembers ? (await listMembers({ db, workspaceId })).map((m) => m.userId) : []);

  for (const n of graph.nodes) {
    const push = (field: string, message: string) =>
      issues.push({
        field: `graph.nodes.${n.id}${field}`,
        message: `${n.name ? `Step "${n.name}" (${n.id})` : `Step ${n.id} (${n.type})`}: ${message}`,
        stepId: n.id,
      });
    switch (n.type) {
      case 'send_email':
        if (n.config.templateId && !templates.has(n.config.templateId))
          push('.config.templateId', 'the template does not exist (any more)');
        if (opts.compile && !n.config.templateId && n.config.mjml?.trim()) {
          try {
            await compileTemplate({ subject: n.config.subject ?? '', mjml: n.config.mjml, preheader: null });
          } catch (err) {
            // MJML's own parser throws plain errors for text that is not MJML at all.
            const fields = err instanceof AppError ? err.fields.map((f) => f.message).join('; ') : '';
            push('.config.mjml', fields || (err instanceof Error ? err.message : 'is not valid MJML'));
          }
        }
        break;
      case 'wait':
        if (n.config.mode === 'date_field' && n.config.field !== 'created_at' && !dateFields.has(n.config.field))
          push('.config.field', `${n.config.field} is not a date field of contacts`);
        break;
      case 'branch':
        if (
          n.config.condition.kind === 'segment' &&
          !(await segmentExists(db, workspaceId, n.config.condition.segmentId))
        )
          push('.config.condition.segmentId', 'the segment does not exist (any more)');
        if (n.config.condition.kind === 'rules')
          for (const problem of await ruleProblems(db, workspaceId, n.config.condition.rules))
            push('.config.condition.rules', problem);
        break;
      case 'set_field':
        if (n.config.field.startsWith('custom.') && !allFields.has(n.config.field))
          push('.config.field', `${n.config.field} is not a custom field of contacts`);
        break;
      case 'create_task':
        if (n.config.assignee !== 'owner' && n.config.assignee !== 'unassigned' && !members.has(n.config.assignee))
          push('.config.assignee', 'is not a member of this workspace');
        break;
      case 'notify':
        if (n.config.userId !== 'owner' && !members.has(n.config.userId))
          push('.config.userId', 'is not a member of this workspace');
        break;
      default:
        break;
    }
  }
  return issues;
}
