import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { type CustomValues, customFields, type FieldType } from '../schema.ts';

export type Entity = 'contact' | 'company';
export type FieldDef = { key: string; label: string; type: FieldType; options: string[]; required: boolean };

export async function listCustomFields({
  db,
  workspaceId,
  entity,
}: {
  db: DbOrTx;
  workspaceId: string;
  entity?: Entity;
}) {
  const conds = [eq(customFields.workspaceId, workspaceId)];
  if (entity) conds.push(eq(customFields.entity, entity));
  return db
    .select({
      id: customFields.id,
      entity: customFields.entity,
      key: customFields.key,
      label: customFields.label,
      type: customFields.type,
      options: customFields.options,
      required: customFields.required,
      position: customFields.position,
    })
    .from(customFields)
    .where(and(...conds))
    .orderBy(asc(customFields.position), asc(customFields.label));
}

export async function createCustomField({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: {
    entity: Entity;
    key?: string | undefined;
    label: string;
    type: FieldType;
    options?: string[] | undefined;
    required?: boolean | undefined;
    position?: number | undefined;
  };
}) {
  const key =
    input.key ??
    input.label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(key))
    throw AppError.validation([{ field: 'key', message: 'must start with a letter and use a–z, 0–9 and _' }]);
  if ((input.type === 'select' || input.type === 'multiselect') && !input.options?.length)
    throw AppError.validation([{ field: 'options', message: 'a select field needs at least one option' }]);
  const [row] = await db
    .insert(customFields)
    .values({
      workspaceId,
      id: newId(),
      entity: input.entity,
      key,
      label: input.label,
      type: input.type,
      options: input.options ?? [],
      required: input.required ?? false,
      position: input.position ?? 0,
    })
    .returning();
  return row!;
}

export async function updateCustomField({
  db,
  workspaceId,
  id,
  patch,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  patch: {
    label?: string | undefined;
    options?: string[] | undefined;
    required?: boolean | undefined;
    position?: number | undefined;
  };
}) {
  const [row] = await db
    .update(customFields)
    .set(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)))
    .returning();
  if (!row) throw AppError.notFound('Custom field');
  return row;
}

export async function deleteCustomField({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const r = await db
    .delete(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)))
    .returning({ id: customFields.id });
  if (!r.length) throw AppError.notFound('Custom field');
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks custom values against the workspace's definitions on every write. Unknown keys are refused (a typo would
 * otherwise create data nobody can see); `null` clears a value. With `partial`, required fields may be absent.
 */
export function validateCustomValues(
  defs: FieldDef[],
  values: CustomValues | undefined,
  opts: { partial: boolean; prefix?: string },
): { values: CustomValues; errors: FieldError[] } {
  const prefix = opts.prefix ?? 'custom';
  const errors: FieldError[] = [];
  const out: CustomValues = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, v] of Object.entries(values ?? {})) {
    const def = byKey.get(key);
    const field = `${prefix}.${key}`;
    if (!def) {
      errors.push({ field, message: 'is not a custom field of this workspace' });
      continue;
    }
    if (v === null || v === '') {
      if (def.required) errors.push({ field, message: 'is required' });
      else out[key] = null;
      continue;
    }
    switch (def.type) {
      case 'text':
        if (typeof v !== 'string') errors.push({ field, message: 'must be text' });
        else out[key] = v.slice(0, 10_000);
        break;
      case 'number': {
        const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(',', '.')) : Number.NaN;
        if (!Number.isFinite(n)) errors.push({ field, message: 'must be a number' });
        else out[key] = n;
        break;
      }
      case 'date':
        if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(v)))
          errors.push({ field, message: 'must be a date (YYYY-MM-DD)' });
        else out[key] = v;
        break;
      case 'boolean': {
        const b =
          typeof v === 'boolean'
            ? v
            : typeof v === 'string'
              ? ({ true: true, false: false, yes: true, no: false, '1': true, '0': false } as Record<string, boolean>)[
                  v.toLowerCase()
                ]
              : undefined;
        if (b === undefined) errors.push({ field, message: 'must be true or false' });
        else out[key] = b;
        break;
      }
      case 'select':
        if (typeof v !== 'string' || !def.options.includes(v))
          errors.push({ field, message: `must be one of: ${def.options.join(', ')}` });
        else out[key] = v;
        break;
      case 'multiselect': {
        const arr = Array.isArray(v)
          ? v
          : typeof v === 'string'
            ? v
                .split(/[;,]/)
                .map((s) => s.trim())
                .filter(Boolean)
            : null;
        const bad = arr?.filter((x) => !def.options.includes(x)) ?? [];
        if (!arr || bad.length) errors.push({ field, message: `must be among: ${def.options.join(', ')}` });
        else out[key] = arr;
        break;
      }
    }
  }
  if (!opts.partial) {
    for (const d of defs) {
      if (
        d.required &&
        (out[d.key] === undefined || out[d.key] === null) &&
        !errors.some((e) => e.field === `${prefix}.${d.key}`)
      )
        errors.push({ field: `${prefix}.${d.key}`, message: 'is required' });
    }
  }
  return { values: out, errors };
}
