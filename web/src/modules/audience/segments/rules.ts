// The segment rule language as the editor builds it (server: src/modules/audience/segments/rules.ts). Kept in step by
// hand: the server validates every rule and names the offending one by its path, which the editor shows in place.

export type ValueKind = 'text' | 'email' | 'choice' | 'date' | 'number' | 'multi' | 'boolean';

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
} as const satisfies Record<string, ValueKind>;
export type ContactField = keyof typeof CONTACT_FIELDS;

const TEXT_OPS = ['is', 'is_not', 'contains', 'not_contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
export const OPS_BY_KIND: Record<ValueKind, string[]> = {
  text: TEXT_OPS,
  email: TEXT_OPS,
  choice: ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  date: ['before', 'after', 'within_last', 'not_within_last', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  multi: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  boolean: ['is_true', 'is_false', 'is_empty'],
};
export const NO_VALUE_OPS = new Set(['is_empty', 'is_not_empty', 'is_true', 'is_false']);
export const LIST_VALUE_OPS = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);
export const DAYS_OPS = new Set(['within_last', 'not_within_last']);

export const CUSTOM_KIND: Record<string, ValueKind> = {
  text: 'text',
  number: 'number',
  date: 'date',
  select: 'choice',
  multiselect: 'multi',
  boolean: 'boolean',
};

export const TAG_OPS = ['has_any', 'has_all', 'has_none'] as const;
export const CONSENT_OPS = ['is', 'is_not'] as const;
export const CONSENT_STATUSES = ['subscribed', 'pending', 'unsubscribed', 'none'] as const;
export const LIST_OPS = ['subscribed', 'not_subscribed', 'pending', 'unsubscribed'] as const;
export const EMAIL_OPS = ['opened', 'clicked', 'received', 'not_opened', 'not_clicked', 'not_received'] as const;
export const EVENT_OPS = ['happened', 'not_happened'] as const;
export const WEBINAR_OPS = ['attended', 'no_show', 'not_attended'] as const;

type Value = string | number | boolean | string[];

export type Condition =
  | { kind: 'field'; field: ContactField; op: string; value?: Value; days?: number }
  | { kind: 'custom'; key: string; op: string; value?: Value; days?: number }
  | { kind: 'tags'; op: (typeof TAG_OPS)[number]; tags: string[] }
  | { kind: 'consent'; channel: string; op: (typeof CONSENT_OPS)[number]; status: (typeof CONSENT_STATUSES)[number] }
  | { kind: 'list'; op: (typeof LIST_OPS)[number]; listId: string }
  | {
      kind: 'email';
      op: (typeof EMAIL_OPS)[number];
      campaignId?: string;
      withinDays?: number;
      atLeast?: number;
    }
  | {
      kind: 'event';
      op: (typeof EVENT_OPS)[number];
      type: string;
      atLeast?: number;
      withinDays?: number;
      property?: { key: string; value: string | number | boolean };
    }
  | { kind: 'webinar'; op: (typeof WEBINAR_OPS)[number]; webinarId?: string; withinDays?: number };

export type RuleGroup = { kind?: 'group'; op: 'and' | 'or'; rules: RuleNode[] };
export type RuleNode = RuleGroup | Condition;

export const isGroup = (n: RuleNode): n is RuleGroup => n.kind === undefined || n.kind === 'group';

/** "What" a condition is about, as one picker value: `field:email`, `custom:industry`, `tags`, `email`… */
export function subjectOf(c: Condition): string {
  if (c.kind === 'field') return `field:${c.field}`;
  if (c.kind === 'custom') return `custom:${c.key}`;
  return c.kind;
}

/** A fresh condition for a picked subject, with the first operator that makes sense. */
export function newCondition(subject: string, customKinds: Record<string, ValueKind>): Condition {
  const [kind, name = ''] = subject.split(':');
  switch (kind) {
    case 'field': {
      const field = name as ContactField;
      const vk = CONTACT_FIELDS[field];
      return vk === 'date'
        ? { kind: 'field', field, op: 'within_last', days: 30 }
        : { kind: 'field', field, op: 'is', value: '' };
    }
    case 'custom': {
      const vk = customKinds[name] ?? 'text';
      const op = OPS_BY_KIND[vk][0] ?? 'is';
      return {
        kind: 'custom',
        key: name,
        op,
        ...(LIST_VALUE_OPS.has(op) ? { value: [] } : NO_VALUE_OPS.has(op) ? {} : { value: '' }),
      };
    }
    case 'tags':
      return { kind: 'tags', op: 'has_any', tags: [] };
    case 'consent':
      return { kind: 'consent', channel: 'email', op: 'is', status: 'subscribed' };
    case 'list':
      return { kind: 'list', op: 'subscribed', listId: '' };
    case 'event':
      return { kind: 'event', op: 'happened', type: '' };
    case 'webinar':
      return { kind: 'webinar', op: 'attended' };
    default:
      return { kind: 'email', op: 'opened', withinDays: 30 };
  }
}

/** Replaces the node at `path` (indexes from the root group) with `next` (null removes it). */
export function updateAt(root: RuleGroup, path: number[], next: RuleNode | null): RuleGroup {
  if (!path.length) return next && isGroup(next) ? next : root;
  const [i, ...rest] = path as [number, ...number[]];
  const rules = [...root.rules];
  if (!rest.length) {
    if (next === null) rules.splice(i, 1);
    else rules[i] = next;
  } else {
    const child = rules[i];
    if (child && isGroup(child)) rules[i] = updateAt(child, rest, next);
  }
  return { ...root, rules };
}

/** The server's error field (`rules.rules.1.rules.0.value`) → the node path `1.0` and the property `value`. */
export function errorTarget(field: string): { node: string; prop: string } | null {
  const m = /^(?:body\.)?rules((?:\.rules\.\d+)*)(?:\.(\w+))?$/.exec(field);
  if (!m) return null;
  const node = (m[1] ?? '')
    .split('.rules.')
    .filter(Boolean)
    .map((s) => s.replace(/^\.?rules\./, ''))
    .join('.');
  return { node, prop: m[2] ?? '' };
}
