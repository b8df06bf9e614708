import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { CHANNELS, customFields, type FieldType, lifecycleStages } from '../../crm/schema.ts';
import {
  CONTACT_FIELDS,
  type Condition,
  isGroup,
  MAX_CONDITIONS,
  MAX_DEPTH,
  OPS_BY_KIND,
  type RuleGroup,
  type ValueKind,
} from './rules.ts';

const CUSTOM_KIND: Record<FieldType, ValueKind> = {
  text: 'text',
  number: 'number',
  date: 'date',
  select: 'choice',
  multiselect: 'multi',
  boolean: 'boolean',
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Ctx = {
  custom: Map<string, { type: FieldType; options: string[] }>;
  stages: Set<string>;
  lists: Set<string>;
};

/** Every list id a rule tree names (to check them in one query). */
function listIdsOf(g: RuleGroup, out = new Set<string>()): Set<string> {
  for (const n of g.rules) {
    if (isGroup(n)) listIdsOf(n, out);
    else if (n.kind === 'list') out.add(n.listId);
  }
  return out;
}

/**
 * Checks a rule tree (already valid in shape) against the workspace: custom fields exist and each operator suits the
 * field's type, values suit operators, stages / channels / lists exist, the tree is not too deep or too large. Each
 * error names the offending rule by its path from `base`, e.g. `rules.rules.1.rules.0.value`.
 */
export async function validateRules(
  db: DbOrTx,
  workspaceId: string,
  rules: RuleGroup,
  base = 'rules',
): Promise<FieldError[]> {
  const [fields, stages, lists] = await Promise.all([
    db
      .select({ key: customFields.key, type: customFields.type, options: customFields.options })
      .from(customFields)
      .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.entity, 'contact'))),
    db.select({ key: lifecycleStages.key }).from(lifecycleStages).where(eq(lifecycleStages.workspaceId, workspaceId)),
    (async () => {
      const ids = [...listIdsOf(rules)];
      if (!ids.length) return [] as string[];
      const r = await db.execute<{ id: string }>(
        sql`select id from audience_lists where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`,
      );
      return r.rows.map((x) => x.id);
    })(),
  ]);
  const ctx: Ctx = {
    custom: new Map(fields.map((f) => [f.key, { type: f.type, options: f.options }])),
    stages: new Set(stages.map((s) => s.key)),
    lists: new Set(lists),
  };
  const errors: FieldError[] = [];
  let conditions = 0;
  const walk = (g: RuleGroup, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      errors.push({ field: path, message: `groups nest at most ${MAX_DEPTH} deep` });
      return;
    }
    g.rules.forEach((n, i) => {
      const p = `${path}.rules.${i}`;
      if (isGroup(n)) walk(n, p, depth + 1);
      else {
        conditions++;
        checkCondition(n, p, ctx, errors);
      }
    });
  };
  walk(rules, base, 1);
  if (conditions > MAX_CONDITIONS)
    errors.push({ field: base, message: `a segment has at most ${MAX_CONDITIONS} conditions (${conditions} given)` });
  return errors;
}

function checkCondition(c: Condition, path: string, ctx: Ctx, errors: FieldError[]): void {
  const err = (field: string, message: string): void => {
    errors.push({ field: `${path}.${field}`, message });
  };
  switch (c.kind) {
    case 'field': {
      const kind = CONTACT_FIELDS[c.field];
      if (!checkOp(kind, c, path, errors)) return;
      const choices =
        c.field === 'lifecycle_stage'
          ? ctx.stages
          : c.field === 'source_channel'
            ? new Set<string>(CHANNELS)
            : undefined;
      checkValue(kind, c, path, errors, choices);
      if (c.field === 'owner' && (c.op === 'is' || c.op === 'is_not' || c.op === 'in' || c.op === 'not_in')) {
        const vs = Array.isArray(c.value) ? c.value : [c.value];
        if (vs.some((v) => typeof v !== 'string' || !UUID_RE.test(v))) err('value', 'must be user ids');
      }
      if (c.field === 'country' && typeof c.value === 'string' && !/^[A-Za-z]{2}$/.test(c.value))
        err('value', 'must be an ISO 3166 two-letter country code');
      if (c.field === 'country' && Array.isArray(c.value) && c.value.some((v) => !/^[A-Za-z]{2}$/.test(v)))
        err('value', 'must be ISO 3166 two-letter country codes');
      return;
    }
    case 'custom': {
      const def = ctx.custom.get(c.key);
      if (!def) {
        err('key', 'is not a custom field of contacts in this workspace');
        return;
      }
      const kind = CUSTOM_KIND[def.type];
      if (!checkOp(kind, c, path, errors)) return;
      const choices = def.type === 'select' || def.type === 'multiselect' ? new Set(def.options) : undefined;
      checkValue(kind, c, path, errors, choices);
      return;
    }
    case 'list':
      if (!ctx.lists.has(c.listId)) err('listId', 'is not a list of this workspace');
      return;
    case 'email':
      if (c.atLeast !== undefined && c.op.startsWith('not_'))
        err('atLeast', `does not go with ${c.op}: say "${c.op.slice(4)} at least N" and negate with a group instead`);
      return;
    case 'event':
      if (c.atLeast !== undefined && c.op === 'not_happened')
        err('atLeast', 'does not go with not_happened (use happened with atLeast inside an OR / a negation)');
      return;
    default:
      return;
  }
}

function checkOp(kind: ValueKind, c: { op: string }, path: string, errors: FieldError[]): boolean {
  if (OPS_BY_KIND[kind].includes(c.op)) return true;
  errors.push({
    field: `${path}.op`,
    message: `"${c.op}" does not apply to a ${kind} field; use one of ${OPS_BY_KIND[kind].join(', ')}`,
  });
  return false;
}

function checkValue(
  kind: ValueKind,
  c: { op: string; value?: unknown; days?: number | undefined },
  path: string,
  errors: FieldError[],
  choices?: Set<string>,
): void {
  const err = (message: string, field = 'value'): void => {
    errors.push({ field: `${path}.${field}`, message });
  };
  const v = c.value;
  const op = c.op;
  if (op === 'is_empty' || op === 'is_not_empty' || op === 'is_true' || op === 'is_false') return;
  if (op === 'within_last' || op === 'not_within_last') {
    if (c.days === undefined) err('needs a number of days', 'days');
    return;
  }
  if (op === 'in' || op === 'not_in' || op === 'has_any' || op === 'has_all' || op === 'has_none') {
    if (!Array.isArray(v) || v.length === 0) err('needs a list of at least one value');
    else if (choices) for (const x of v) if (!choices.has(x)) err(`"${x}" is not one of the choices`);
    return;
  }
  if (kind === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) err('needs a number');
    return;
  }
  if (kind === 'date') {
    if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      err('needs a date as YYYY-MM-DD');
    return;
  }
  if (typeof v !== 'string' || v.trim() === '') err('needs a value');
  else if (choices && (op === 'is' || op === 'is_not') && !choices.has(v)) err(`"${v}" is not one of the choices`);
}
