import { z } from 'zod';
import { CONSENT_STATUSES } from '../../crm/schema.ts';
import { ZEventType } from '../events/contracts.ts';

// The segment rule language: a tree of AND/OR groups whose leaves are conditions. JSON, validated here by shape and in
// validate-rules.ts against the workspace (custom field definitions, lists, stages); compiled to one SQL query in
// compile-rules.ts. Each leaf has a `kind`; a group may say `kind: "group"` or leave it out.

/** Contact columns a rule may read, and the kind of value each holds (which decides the operators it accepts). */
export const CONTACT_FIELDS = {
  first_name: 'text',
  last_name: 'text',
  email: 'email',
  company: 'text',
  title: 'text',
  country: 'choice',
  language: 'choice',
  lifecycle_stage: 'choice',
  source_channel: 'choice',
  owner: 'choice',
  created_at: 'date',
} as const;
export type ContactField = keyof typeof CONTACT_FIELDS;
export type ValueKind = 'text' | 'email' | 'choice' | 'date' | 'number' | 'multi' | 'boolean';

export const TEXT_OPS = [
  'is',
  'is_not',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'is_empty',
  'is_not_empty',
] as const;
export const CHOICE_OPS = ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'] as const;
export const DATE_OPS = ['before', 'after', 'within_last', 'not_within_last', 'is_empty', 'is_not_empty'] as const;
export const NUMBER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'] as const;
export const MULTI_OPS = ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'] as const;
export const BOOLEAN_OPS = ['is_true', 'is_false', 'is_empty'] as const;

/** The operators each kind of value accepts (the editor offers exactly these). */
export const OPS_BY_KIND: Record<ValueKind, readonly string[]> = {
  text: TEXT_OPS,
  email: TEXT_OPS,
  choice: CHOICE_OPS,
  date: DATE_OPS,
  number: NUMBER_OPS,
  multi: MULTI_OPS,
  boolean: BOOLEAN_OPS,
};

export const VALUE_OPS = [
  ...new Set([...TEXT_OPS, ...CHOICE_OPS, ...DATE_OPS, ...NUMBER_OPS, ...MULTI_OPS, ...BOOLEAN_OPS]),
] as [string, ...string[]];

const ZValue = z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(500)).max(500)]);
const days = z.number().int().min(1).max(36_500);
const atLeast = z.number().int().min(1).max(1000);

export const ZFieldCondition = z
  .object({
    kind: z.literal('field'),
    field: z.enum(Object.keys(CONTACT_FIELDS) as [ContactField, ...ContactField[]]),
    op: z.enum(VALUE_OPS),
    value: ZValue.optional().describe('A string, a number, or a list of strings for in / not_in'),
    days: days.optional().describe('For within_last / not_within_last'),
  })
  .meta({ id: 'SegmentFieldCondition', description: 'A contact field compared with a value' });

export const ZCustomCondition = z
  .object({
    kind: z.literal('custom'),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'is not a custom field key'),
    op: z.enum(VALUE_OPS),
    value: ZValue.optional(),
    days: days.optional(),
  })
  .meta({ id: 'SegmentCustomCondition', description: "A custom field; operators follow the field's type" });

export const ZTagsCondition = z
  .object({
    kind: z.literal('tags'),
    op: z.enum(['has_any', 'has_all', 'has_none']),
    tags: z.array(z.string().trim().min(1).max(80)).min(1).max(100),
  })
  .meta({ id: 'SegmentTagsCondition' });

export const ZConsentCondition = z
  .object({
    kind: z.literal('consent'),
    channel: z.string().trim().min(1).max(40).default('email'),
    op: z.enum(['is', 'is_not']),
    status: z.enum(CONSENT_STATUSES),
  })
  .meta({ id: 'SegmentConsentCondition', description: 'The current consent on a channel (none when never recorded)' });

export const ZListCondition = z
  .object({
    kind: z.literal('list'),
    op: z.enum(['subscribed', 'not_subscribed', 'pending', 'unsubscribed']),
    listId: z.string().uuid(),
  })
  .meta({ id: 'SegmentListCondition' });

export const ZEmailCondition = z
  .object({
    kind: z.literal('email'),
    op: z.enum(['opened', 'clicked', 'received', 'not_opened', 'not_clicked', 'not_received']),
    campaignId: z.string().uuid().optional().describe('Only this campaign (or flow…); any email when absent'),
    withinDays: days.optional().describe('Only in the last N days'),
    atLeast: atLeast.optional().describe('At least N times (opened, clicked, received)'),
  })
  .meta({
    id: 'SegmentEmailCondition',
    description: 'Email activity: "opened campaign X", "no open in 90 days" = not_opened + withinDays 90',
  });

export const ZEventCondition = z
  .object({
    kind: z.literal('event'),
    op: z.enum(['happened', 'not_happened']),
    type: ZEventType,
    atLeast: atLeast.optional(),
    withinDays: days.optional(),
    property: z
      .object({
        key: z.string().min(1).max(100),
        value: z.union([z.string().max(500), z.number(), z.boolean()]),
      })
      .optional()
      .describe('Only events whose properties[key] equals value'),
  })
  .meta({ id: 'SegmentEventCondition', description: 'Custom events (POST /events, webinar attendance, …)' });

export const ZWebinarCondition = z
  .object({
    kind: z.literal('webinar'),
    op: z.enum(['attended', 'no_show', 'not_attended']),
    webinarId: z.string().uuid().optional().describe('Any webinar when absent'),
    withinDays: days.optional(),
  })
  .meta({ id: 'SegmentWebinarCondition', description: 'Webinar attendance (the webinar.attended / no_show events)' });

export type FieldCondition = z.infer<typeof ZFieldCondition>;
export type CustomCondition = z.infer<typeof ZCustomCondition>;
export type EmailCondition = z.infer<typeof ZEmailCondition>;
export type Condition =
  | FieldCondition
  | CustomCondition
  | z.infer<typeof ZTagsCondition>
  | z.infer<typeof ZConsentCondition>
  | z.infer<typeof ZListCondition>
  | z.infer<typeof ZEmailCondition>
  | z.infer<typeof ZEventCondition>
  | z.infer<typeof ZWebinarCondition>;

export type RuleGroup = { kind?: 'group' | undefined; op: 'and' | 'or'; rules: RuleNode[] };
export type RuleNode = RuleGroup | Condition;

export const MAX_DEPTH = 6;
export const MAX_CONDITIONS = 200;

export const ZRuleGroup: z.ZodType<RuleGroup> = z
  .object({
    kind: z.literal('group').optional(),
    op: z.enum(['and', 'or']).describe('and: every rule holds; or: at least one (an empty group matches everyone)'),
    get rules() {
      return z.array(ZRuleNode).max(50);
    },
  })
  .meta({ id: 'SegmentRuleGroup', description: 'Rules joined by AND or OR; groups nest' });

// The cast: Zod's discriminated union wants object schemas, and the group is typed through its recursive alias.
const ZRuleNode: z.ZodType<RuleNode> = z.discriminatedUnion('kind', [
  ZRuleGroup as unknown as z.ZodObject<{ kind: z.ZodOptional<z.ZodLiteral<'group'>> }>,
  ZFieldCondition,
  ZCustomCondition,
  ZTagsCondition,
  ZConsentCondition,
  ZListCondition,
  ZEmailCondition,
  ZEventCondition,
  ZWebinarCondition,
]) as unknown as z.ZodType<RuleNode>;

export const isGroup = (n: RuleNode): n is RuleGroup => n.kind === undefined || n.kind === 'group';
