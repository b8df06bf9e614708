import { z } from 'zod';
import { ZRuleGroup } from '../segments/index.ts';

// The shape of a flow: its trigger, its steps (nodes) and how they connect (edges). Pure: no database here, so the
// same checks run in the API, in the job and in tests.

const uuid = z.string().uuid();
export const ZStepId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (at most 64)')
  .describe('Stable id of a step, unique in the flow');
const eventType = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'lower-case words joined by dots, e.g. order.fulfilled')
  .max(100);
/** A contact date: `created_at` or the key of a contact custom field of type date. */
const dateField = z
  .string()
  .regex(/^(created_at|custom\.[a-z][a-z0-9_]{0,62})$/, 'created_at or custom.<key> of a date field');

export const ZFlowTrigger = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('list_subscribed'),
      config: z.object({ listId: uuid.nullish().describe('Any list when empty') }),
    }),
    z.object({
      type: z.literal('form_submitted'),
      config: z.object({ formId: uuid.nullish().describe('Any form when empty') }),
    }),
    z.object({ type: z.literal('tag_added'), config: z.object({ tag: z.string().trim().min(1).max(80) }) }),
    z.object({ type: z.literal('tag_removed'), config: z.object({ tag: z.string().trim().min(1).max(80) }) }),
    z.object({
      type: z.literal('lifecycle_stage_changed'),
      config: z.object({ to: z.string().trim().max(60).nullish().describe('Any stage when empty') }),
    }),
    z.object({
      type: z.literal('deal_stage_changed'),
      config: z.object({
        stageId: uuid.nullish().describe('Any stage when empty'),
        pipelineId: uuid.nullish(),
      }),
    }),
    z.object({
      type: z.literal('date_anniversary'),
      config: z.object({ field: dateField.describe('Contacts whose date has today’s month and day') }),
    }),
    z.object({ type: z.literal('custom_event'), config: z.object({ eventType: z.string().trim().min(1).max(100) }) }),
    z.object({
      type: z.literal('domain_event'),
      config: z.object({ eventType: eventType.describe('Any domain event whose subject is a contact') }),
    }),
    z.object({ type: z.literal('manual'), config: z.object({}).default({}) }),
  ])
  .meta({ id: 'FlowTrigger' });
export type FlowTrigger = z.infer<typeof ZFlowTrigger>;
export type TriggerType = FlowTrigger['type'];

export const REENTRY_RULES = ['once', 'always', 'after'] as const;
export type ReentryRule = (typeof REENTRY_RULES)[number];

const ZWait = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('duration'),
    amount: z.number().int().min(1).max(10_000),
    unit: z.enum(['minutes', 'hours', 'days', 'weeks']),
  }),
  z.object({
    mode: z.literal('weekday'),
    weekdays: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .max(7)
      .describe('0 = Sunday … 6 = Saturday, in the contact’s time zone'),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59).default(0),
  }),
  z.object({
    mode: z.literal('date_field'),
    field: dateField,
    offsetDays: z.number().int().min(-3650).max(3650).default(0),
    hour: z.number().int().min(0).max(23).default(9),
  }),
]);
export type WaitConfig = z.infer<typeof ZWait>;

const ZCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), segmentId: uuid }),
  z.object({ kind: z.literal('rules'), rules: ZRuleGroup.describe('Segment rules, as in /segments') }),
  z.object({ kind: z.literal('email_opened'), stepId: ZStepId.describe('An earlier send-email step') }),
  z.object({ kind: z.literal('email_clicked'), stepId: ZStepId.describe('An earlier send-email step') }),
  z.object({ kind: z.literal('has_tag'), tag: z.string().trim().min(1).max(80) }),
]);
export type BranchCondition = z.infer<typeof ZCondition>;

const base = { id: ZStepId, name: z.string().trim().max(120).nullish() };
const liquid = (max: number) => z.string().max(max);

export const ZFlowNode = z
  .discriminatedUnion('type', [
    z.object({
      ...base,
      type: z.literal('send_email'),
      config: z.object({
        templateId: uuid.nullish().describe('A saved template; or give subject and mjml inline'),
        subject: liquid(300).nullish(),
        preheader: liquid(300).nullish(),
        mjml: liquid(500_000).nullish(),
      }),
    }),
    z.object({ ...base, type: z.literal('wait'), config: ZWait }),
    z.object({ ...base, type: z.literal('branch'), config: z.object({ condition: ZCondition }) }),
    z.object({ ...base, type: z.literal('add_tag'), config: z.object({ tag: z.string().trim().min(1).max(80) }) }),
    z.object({ ...base, type: z.literal('remove_tag'), config: z.object({ tag: z.string().trim().min(1).max(80) }) }),
    z.object({
      ...base,
      type: z.literal('set_field'),
      config: z.object({
        field: z
          .string()
          .regex(
            /^(firstName|lastName|title|language|timezone|website|lifecycleStage|custom\.[a-z][a-z0-9_]{0,62})$/,
            'a contact field (firstName, lastName, title, language, timezone, website, lifecycleStage) or custom.<key>',
          ),
        value: z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)), z.null()]),
      }),
    }),
    z.object({
      ...base,
      type: z.literal('create_task'),
      config: z.object({
        title: z.string().trim().min(1).max(500),
        notes: z.string().max(20_000).nullish(),
        assignee: z
          .union([z.literal('owner'), z.literal('unassigned'), uuid])
          .default('owner')
          .describe("owner = the contact's owner; or a user id"),
        dueInDays: z.number().int().min(0).max(365).default(1),
      }),
    }),
    z.object({
      ...base,
      type: z.literal('notify'),
      config: z.object({
        userId: z.union([z.literal('owner'), uuid]).describe("owner = the contact's owner; or a user id"),
        subject: z.string().trim().min(1).max(300),
        message: z.string().max(20_000).default(''),
      }),
    }),
    z.object({
      ...base,
      type: z.literal('webhook'),
      config: z.object({ url: z.string().url().max(2000) }),
    }),
    z.object({ ...base, type: z.literal('exit'), config: z.object({}).default({}) }),
  ])
  .meta({ id: 'FlowStep' });
export type FlowNode = z.infer<typeof ZFlowNode>;
export type StepType = FlowNode['type'];
export const STEP_TYPES: StepType[] = [
  'send_email',
  'wait',
  'branch',
  'add_tag',
  'remove_tag',
  'set_field',
  'create_task',
  'notify',
  'webhook',
  'exit',
];

export const ZFlowEdge = z
  .object({
    from: ZStepId,
    to: ZStepId,
    branch: z.enum(['yes', 'no']).nullish().describe('For edges leaving a branch step'),
  })
  .meta({ id: 'FlowEdge' });
export type FlowEdge = z.infer<typeof ZFlowEdge>;

export const ZFlowGraph = z.object({ nodes: z.array(ZFlowNode).max(200), edges: z.array(ZFlowEdge).max(400) }).meta({
  id: 'FlowGraph',
  description: 'Steps and the edges between them: a tree starting at the one step no edge enters',
});
export type FlowGraph = z.infer<typeof ZFlowGraph>;

export type GraphIssue = { field: string; message: string; stepId: string | null };

const label = (n: FlowNode) => (n.name ? `Step "${n.name}" (${n.id})` : `Step ${n.id} (${n.type})`);
const at = (n: FlowNode, sub = '') => `graph.nodes.${n.id}${sub}`;

/** The step a new enrolment starts at: the only one no edge enters. */
export function startStep(graph: FlowGraph): string | null {
  const entered = new Set(graph.edges.map((e) => e.to));
  const starts = graph.nodes.filter((n) => !entered.has(n.id));
  return starts.length === 1 ? starts[0]!.id : null;
}

/** The step after `from`; for a branch, the one on the `yes` or `no` edge. */
export function nextStep(graph: FlowGraph, from: string, branch?: 'yes' | 'no'): string | null {
  const edge = graph.edges.find((e) => e.from === from && (branch ? e.branch === branch : !e.branch));
  return edge?.to ?? null;
}

/** Ids of the steps above `id` on its path from the start. */
export function ancestors(graph: FlowGraph, id: string): string[] {
  const parent = new Map(graph.edges.map((e) => [e.to, e.from]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (let p = parent.get(id); p && !seen.has(p); p = parent.get(p)) {
    seen.add(p);
    out.push(p);
  }
  return out;
}

/**
 * Everything about the graph that needs no database: unique ids, edges between existing steps, one start, a tree
 * (one way into every step, no loops, so every step runs at most once per enrolment), branches with both a yes and a
 * no edge, every step reachable, and each step's own settings. Each issue names its step.
 */
export function checkGraph(graph: FlowGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const push = (n: FlowNode | null, field: string, message: string) =>
    issues.push({ field, message: n ? `${label(n)}: ${message}` : message, stepId: n?.id ?? null });
  if (graph.nodes.length === 0) {
    push(null, 'graph.nodes', 'add at least one step');
    return issues;
  }
  const byId = new Map<string, FlowNode>();
  for (const n of graph.nodes) {
    if (byId.has(n.id)) push(n, at(n, '.id'), 'this id is used by two steps');
    byId.set(n.id, n);
  }
  const incoming = new Map<string, number>();
  for (const [i, e] of graph.edges.entries()) {
    const from = byId.get(e.from);
    if (!from) push(null, `graph.edges.${i}.from`, `no step has the id ${e.from}`);
    else if (!byId.has(e.to)) push(from, `graph.edges.${i}.to`, `leads to ${e.to}, which is not a step`);
    else if (e.from === e.to) push(from, `graph.edges.${i}`, 'leads to itself');
    else incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  }
  for (const n of graph.nodes) {
    const out = graph.edges.filter((e) => e.from === n.id);
    if ((incoming.get(n.id) ?? 0) > 1) push(n, at(n), 'more than one step leads here; each step follows one other');
    if (n.type === 'branch') {
      for (const b of ['yes', 'no'] as const) {
        const k = out.filter((e) => e.branch === b).length;
        if (k === 0) push(n, at(n), `has no "${b}" path`);
        if (k > 1) push(n, at(n), `has more than one "${b}" path`);
      }
      if (out.some((e) => !e.branch)) push(n, at(n), 'paths out of a branch must be marked yes or no');
    } else {
      if (out.some((e) => e.branch)) push(n, at(n), 'only a branch has yes and no paths');
      if (n.type === 'exit' && out.length) push(n, at(n), 'nothing can follow an exit');
      else if (out.length > 1) push(n, at(n), 'leads to more than one step; use a branch to split');
    }
    issues.push(...checkStepConfig(graph, n));
  }
  const starts = graph.nodes.filter((n) => !incoming.has(n.id));
  if (starts.length === 0) push(null, 'graph', 'no first step: every step has a step before it (a loop)');
  if (starts.length > 1)
    for (const n of starts.slice(1))
      push(n, at(n), `is not connected: only one step may start the flow (${starts[0]!.id} does)`);
  if (starts.length === 1) {
    const seen = new Set<string>();
    const stack = [starts[0]!.id];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const e of graph.edges) if (e.from === id) stack.push(e.to);
    }
    for (const n of graph.nodes) if (!seen.has(n.id)) push(n, at(n), 'cannot be reached from the first step');
  }
  return issues;
}

function checkStepConfig(graph: FlowGraph, n: FlowNode): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const push = (sub: string, message: string) =>
    issues.push({ field: at(n, sub), message: `${label(n)}: ${message}`, stepId: n.id });
  switch (n.type) {
    case 'send_email':
      if (!n.config.templateId && !(n.config.subject?.trim() && n.config.mjml?.trim()))
        push('.config', 'choose a template, or write a subject and a body');
      break;
    case 'branch': {
      const c = n.config.condition;
      if (c.kind === 'email_opened' || c.kind === 'email_clicked') {
        const target = graph.nodes.find((x) => x.id === c.stepId);
        if (target?.type !== 'send_email') push('.config.condition.stepId', `${c.stepId} is not a send-email step`);
        else if (!ancestors(graph, n.id).includes(c.stepId))
          push('.config.condition.stepId', `${c.stepId} does not come before this branch`);
      }
      break;
    }
    default:
      break;
  }
  return issues;
}
