// Payloads of /api/v1/flows (src/modules/audience/flows/contracts.ts, graph.ts) as the browser receives them.

export type FlowStatus = 'draft' | 'active' | 'paused';
export type EnrolmentStatus = 'active' | 'waiting' | 'completed' | 'exited' | 'failed';
export type ReentryRule = 'once' | 'always' | 'after';

export type FlowTrigger =
  | { type: 'list_subscribed'; config: { listId?: string | null } }
  | { type: 'form_submitted'; config: { formId?: string | null } }
  | { type: 'tag_added'; config: { tag: string } }
  | { type: 'tag_removed'; config: { tag: string } }
  | { type: 'lifecycle_stage_changed'; config: { to?: string | null } }
  | { type: 'deal_stage_changed'; config: { stageId?: string | null; pipelineId?: string | null } }
  | { type: 'date_anniversary'; config: { field: string } }
  | { type: 'custom_event'; config: { eventType: string } }
  | { type: 'domain_event'; config: { eventType: string } }
  | { type: 'manual'; config: Record<string, never> };
export type TriggerType = FlowTrigger['type'];
export const TRIGGER_TYPES: TriggerType[] = [
  'list_subscribed',
  'form_submitted',
  'tag_added',
  'tag_removed',
  'lifecycle_stage_changed',
  'deal_stage_changed',
  'date_anniversary',
  'custom_event',
  'domain_event',
  'manual',
];

export type WaitConfig =
  | { mode: 'duration'; amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' }
  | { mode: 'weekday'; weekdays: number[]; hour: number; minute: number }
  | { mode: 'date_field'; field: string; offsetDays: number; hour: number };

export type BranchCondition =
  | { kind: 'segment'; segmentId: string }
  | { kind: 'rules'; rules: unknown }
  | { kind: 'email_opened'; stepId: string }
  | { kind: 'email_clicked'; stepId: string }
  | { kind: 'has_tag'; tag: string };

type Base = { id: string; name?: string | null };
export type FlowNode =
  | (Base & {
      type: 'send_email';
      config: { templateId?: string | null; subject?: string | null; preheader?: string | null; mjml?: string | null };
    })
  | (Base & { type: 'wait'; config: WaitConfig })
  | (Base & { type: 'branch'; config: { condition: BranchCondition } })
  | (Base & { type: 'add_tag'; config: { tag: string } })
  | (Base & { type: 'remove_tag'; config: { tag: string } })
  | (Base & { type: 'set_field'; config: { field: string; value: string | number | boolean | string[] | null } })
  | (Base & {
      type: 'create_task';
      config: { title: string; notes?: string | null; assignee: string; dueInDays: number };
    })
  | (Base & { type: 'notify'; config: { userId: string; subject: string; message: string } })
  | (Base & { type: 'webhook'; config: { url: string } })
  | (Base & { type: 'exit'; config: Record<string, never> });
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

export type FlowEdge = { from: string; to: string; branch?: 'yes' | 'no' | null };
export type FlowGraph = { nodes: FlowNode[]; edges: FlowEdge[] };
export type FlowIssue = { field: string; message: string; stepId: string | null };
export type EnrolmentCounts = Record<EnrolmentStatus | 'total', number>;

export type Flow = {
  id: string;
  name: string;
  description: string | null;
  status: FlowStatus;
  trigger: FlowTrigger;
  graph: FlowGraph;
  reentry: ReentryRule;
  reentryDays: number | null;
  version: number;
  templateKey: string | null;
  webhookSecret: string;
  issues: FlowIssue[];
  enrolments: EnrolmentCounts;
  activatedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type FlowTemplate = {
  key: string;
  name: string;
  description: string;
  trigger: FlowTrigger;
  graph: FlowGraph;
  reentry: ReentryRule;
  reentryDays: number | null;
};

export type Enrolment = {
  id: string;
  flowId: string;
  contactId: string;
  contactName: string | null;
  contactEmail: string | null;
  status: EnrolmentStatus;
  currentStepId: string | null;
  nextRunAt: string | null;
  flowVersion: number;
  exitReason: string | null;
  trigger: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
};

export type HistoryEntry = {
  stepId: string;
  stepType: string;
  stepName: string | null;
  enteredAt: string;
  finishedAt: string | null;
  outcome: string;
  details: Record<string, unknown>;
};
export type EnrolmentDetail = Enrolment & { history: HistoryEntry[] };

export type StepStats = {
  stepId: string;
  type: string;
  name: string | null;
  entered: number;
  completed: number;
  waitingNow: number;
  skipped: number;
  failed: number;
  yes: number | null;
  no: number | null;
  emails: { sent: number; opened: number; clicked: number } | null;
};
export type FlowStats = { enrolments: EnrolmentCounts; steps: StepStats[] };
