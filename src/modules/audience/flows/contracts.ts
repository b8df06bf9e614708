import { z } from 'zod';
import { REENTRY_RULES, ZFlowGraph, ZFlowTrigger, ZStepId } from './graph.ts';

const id = z.string().uuid();

export const FLOW_STATUSES = ['draft', 'active', 'paused'] as const;
export const ENROLMENT_STATUSES = ['active', 'waiting', 'completed', 'exited', 'failed'] as const;

export const ZGraphIssue = z
  .object({ field: z.string(), message: z.string(), stepId: z.string().nullable() })
  .meta({ id: 'FlowIssue' });

const ZCounts = z
  .object({
    active: z.number().int(),
    waiting: z.number().int(),
    completed: z.number().int(),
    exited: z.number().int(),
    failed: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'FlowEnrolmentCounts' });

export const ZFlow = z
  .object({
    id,
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(FLOW_STATUSES),
    trigger: ZFlowTrigger,
    graph: ZFlowGraph,
    reentry: z.enum(REENTRY_RULES),
    reentryDays: z.number().int().nullable(),
    version: z.number().int(),
    templateKey: z.string().nullable(),
    webhookSecret: z.string().describe('Key of the HMAC-SHA256 signature of webhook steps (X-Freehold-Signature)'),
    issues: z.array(ZGraphIssue).describe('What must be fixed before the flow can be activated'),
    enrolments: ZCounts,
    activatedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Flow' });
export type TFlow = z.infer<typeof ZFlow>;

export const ZFlowCreate = z
  .object({
    name: z.string().trim().min(1).max(200).optional().describe('Required unless fromTemplate is given'),
    description: z.string().trim().max(2000).nullish(),
    fromTemplate: z.string().max(60).optional().describe('Key of a ready-made flow (GET /flow-templates)'),
    trigger: ZFlowTrigger.optional(),
    graph: ZFlowGraph.optional(),
    reentry: z.enum(REENTRY_RULES).optional(),
    reentryDays: z.number().int().min(1).max(3650).nullish(),
    activate: z.boolean().optional().describe('Activate at once (the flow must then be complete)'),
  })
  .meta({ id: 'FlowCreate' });
export type TFlowCreate = z.infer<typeof ZFlowCreate>;

export const ZFlowUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).nullish(),
    trigger: ZFlowTrigger.optional(),
    graph: ZFlowGraph.optional(),
    reentry: z.enum(REENTRY_RULES).optional(),
    reentryDays: z.number().int().min(1).max(3650).nullish(),
  })
  .meta({ id: 'FlowUpdate' });
export type TFlowUpdate = z.infer<typeof ZFlowUpdate>;

export const ZFlowListQuery = z.object({
  status: z.enum(FLOW_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZFlowTemplate = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    trigger: ZFlowTrigger,
    graph: ZFlowGraph,
    reentry: z.enum(REENTRY_RULES),
    reentryDays: z.number().int().nullable(),
  })
  .meta({ id: 'FlowTemplate' });

export const ZEnrolment = z
  .object({
    id,
    flowId: id,
    contactId: id,
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    status: z.enum(ENROLMENT_STATUSES),
    currentStepId: z.string().nullable(),
    nextRunAt: z.date().nullable(),
    flowVersion: z.number().int(),
    exitReason: z.string().nullable(),
    trigger: z.record(z.string(), z.unknown()).describe('The event that enrolled the contact'),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'FlowEnrolment' });
export type TEnrolment = z.infer<typeof ZEnrolment>;

export const ZHistoryEntry = z
  .object({
    stepId: z.string(),
    stepType: z.string(),
    stepName: z.string().nullable(),
    enteredAt: z.date(),
    finishedAt: z.date().nullable(),
    outcome: z.string().describe('enrolled, waiting, done, sent, skipped, yes, no, failed, exited, retrying'),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'FlowHistoryEntry' });

export const ZEnrolmentDetail = ZEnrolment.extend({ history: z.array(ZHistoryEntry) }).meta({
  id: 'FlowEnrolmentDetail',
});

export const ZEnrolmentListQuery = z.object({
  status: z.enum(ENROLMENT_STATUSES).optional(),
  contactId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZContactEnrolmentsQuery = z.object({
  contactId: id,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZEnrol = z.object({ contactId: id }).meta({ id: 'FlowEnrol' });

export const ZEnrolmentParams = z.object({ id, enrolmentId: id });

export const ZStepStats = z
  .object({
    stepId: ZStepId,
    type: z.string(),
    name: z.string().nullable(),
    entered: z.number().int(),
    completed: z.number().int(),
    waitingNow: z.number().int().describe('Enrolments at this step right now'),
    skipped: z.number().int(),
    failed: z.number().int(),
    yes: z.number().int().nullable(),
    no: z.number().int().nullable(),
    emails: z.object({ sent: z.number().int(), opened: z.number().int(), clicked: z.number().int() }).nullable(),
  })
  .meta({ id: 'FlowStepStats' });

export const ZFlowStats = z.object({ enrolments: ZCounts, steps: z.array(ZStepStats) }).meta({ id: 'FlowStats' });
