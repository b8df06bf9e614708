import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { listMembers } from '../../identity/index.ts';
import { findOrCreateCompany } from '../companies/find-or-create-company.ts';
import { listCustomFields, validateCustomValues } from '../fields/custom-fields.ts';
import { assertLifecycleStage } from '../fields/lifecycle-stages.ts';
import { normalizeEmail, normalizePhone, normalizeTags, uniq } from '../normalize.ts';
import { type Address, type CustomValues, companies } from '../schema.ts';
import type { TContactCreate } from './contracts.ts';

export type PreparedFields = Partial<{
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  address: Address;
  country: string | null;
  language: string | null;
  timezone: string | null;
  website: string | null;
  social: Record<string, string>;
  tags: string[];
  ownerId: string | null;
  lifecycleStage: string;
  custom: CustomValues;
}>;

/**
 * The canonical spelling of an IANA zone name ("europe/amsterdam" → "Europe/Amsterdam"), or null when Intl does not
 * know it. Offsets ("+02:00") are refused: they ignore daylight saving, which is the point of storing a zone.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z]/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function splitName(full: string): { firstName: string | null; lastName: string | null } {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return { firstName: null, lastName: null };
  if (parts.length === 1) return { firstName: parts[0]!, lastName: null };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1]! };
}

/**
 * Validates and normalises contact input for create and update alike, collecting every field error before failing,
 * so the caller learns about all its mistakes at once. Only keys present in `input` appear in the result.
 */
export async function prepareContactFields(
  db: DbOrTx,
  workspaceId: string,
  input: Omit<TContactCreate, 'source' | 'consent'>,
  opts: { partial: boolean; existingCountry?: string | null; existingCustom?: CustomValues },
): Promise<PreparedFields> {
  const errors: FieldError[] = [];
  const out: PreparedFields = {};
  if (input.firstName !== undefined) out.firstName = input.firstName || null;
  if (input.lastName !== undefined) out.lastName = input.lastName || null;
  if (input.name && input.firstName === undefined && input.lastName === undefined)
    Object.assign(out, splitName(input.name));
  if (input.title !== undefined) out.title = input.title || null;
  if (input.language !== undefined) out.language = input.language || null;
  if (input.timezone !== undefined) {
    const tz = input.timezone ? canonicalTimeZone(input.timezone) : null;
    if (input.timezone && !tz)
      errors.push({
        field: 'timezone',
        message: `"${input.timezone}" is not an IANA time zone (e.g. Europe/Amsterdam)`,
      });
    else out.timezone = tz;
  }
  if (input.website !== undefined) out.website = input.website || null;
  if (input.social !== undefined) out.social = input.social;
  if (input.address !== undefined) {
    out.address = input.address;
    out.country = input.address.country ?? null;
  }
  if (input.emails !== undefined) {
    const emails: string[] = [];
    input.emails.forEach((raw, i) => {
      const e = normalizeEmail(raw);
      if (!e) errors.push({ field: `emails.${i}`, message: `"${raw}" is not an email address` });
      else emails.push(e);
    });
    out.emails = uniq(emails);
  }
  if (input.phones !== undefined) {
    const country = out.country !== undefined ? out.country : opts.existingCountry;
    const phones: string[] = [];
    input.phones.forEach((raw, i) => {
      const p = normalizePhone(raw, country);
      if (!p)
        errors.push({
          field: `phones.${i}`,
          message: `"${raw}" is not a valid phone number${country ? '' : ' (give it with its country code, e.g. +31…, or set the address country)'}`,
        });
      else phones.push(p);
    });
    out.phones = uniq(phones);
  }
  if (input.tags !== undefined) out.tags = normalizeTags(input.tags);
  if (input.lifecycleStage !== undefined) {
    try {
      await assertLifecycleStage(db, workspaceId, input.lifecycleStage);
      out.lifecycleStage = input.lifecycleStage;
    } catch (e) {
      if (e instanceof AppError) errors.push(...e.fields);
      else throw e;
    }
  }
  if (input.ownerId) {
    const members = await listMembers({ db, workspaceId });
    if (!members.some((m) => m.userId === input.ownerId))
      errors.push({ field: 'ownerId', message: 'is not a member of this workspace' });
    else out.ownerId = input.ownerId;
  } else if (input.ownerId === null) out.ownerId = null;
  if (input.custom !== undefined || !opts.partial) {
    const defs = await listCustomFields({ db, workspaceId, entity: 'contact' });
    const merged = { ...(opts.existingCustom ?? {}), ...(input.custom ?? {}) };
    const v = validateCustomValues(defs, opts.partial ? (input.custom ?? {}) : merged, { partial: opts.partial });
    errors.push(...v.errors);
    out.custom = { ...(opts.existingCustom ?? {}), ...v.values };
  }
  if (input.companyId) {
    const [c] = await db
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, input.companyId)));
    if (!c) errors.push({ field: 'companyId', message: 'no such company in this workspace' });
    else {
      out.companyId = c.id;
      out.companyName = c.name;
    }
  } else if (input.companyName) {
    if (!errors.length) {
      const c = await findOrCreateCompany(db, workspaceId, input.companyName);
      out.companyId = c.id;
      out.companyName = c.name;
    }
  } else if (input.companyId === null || input.companyName === null) {
    out.companyId = null;
    out.companyName = null;
  }
  if (errors.length) throw AppError.validation(errors);
  return out;
}

/** Emails and phones are the dedupe keys: a second active contact may not claim one already held. */
export async function assertNoIdentityClash(
  db: DbOrTx,
  workspaceId: string,
  fields: { emails?: string[]; phones?: string[] },
  exceptId?: string,
): Promise<void> {
  const emails = fields.emails ?? [];
  if (!emails.length) return;
  const rows = await db.execute<{ id: string; emails: string[] }>(sql`
    select id, emails from contacts
    where workspace_id = ${workspaceId} and emails && ${textArray(emails)}
      and merged_into_id is null and erased_at is null
      ${exceptId ? sql`and id <> ${exceptId}` : sql``}
    limit 1`);
  const clash = rows.rows[0];
  if (clash) {
    const i = emails.findIndex((e) => clash.emails.includes(e));
    throw new AppError(
      'CONFLICT',
      `${emails[i]} already belongs to contact ${clash.id}. Update that contact or merge.`,
      [{ field: `emails.${i}`, message: `already belongs to contact ${clash.id}` }],
    );
  }
}
