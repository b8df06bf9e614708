import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { listMembers } from '../../identity/index.ts';
import { toPrefixQuery } from '../contacts/list-contacts.ts';
import { listCustomFields, validateCustomValues } from '../fields/custom-fields.ts';
import { normalizeEmail, normalizePhone, normalizeTags, uniq } from '../normalize.ts';
import { companies, contacts, deals, type SourceTouch, tasks } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import type { TCompanyCreate, TCompanyListQuery, TCompanyUpdate } from './contracts.ts';

const columns = {
  id: companies.id,
  name: companies.name,
  domain: companies.domain,
  website: companies.website,
  emails: companies.emails,
  phones: companies.phones,
  industry: companies.industry,
  address: companies.address,
  country: companies.country,
  social: companies.social,
  tags: companies.tags,
  ownerId: companies.ownerId,
  custom: companies.custom,
  firstSource: companies.firstSource,
  latestSource: companies.latestSource,
  createdAt: companies.createdAt,
  updatedAt: companies.updatedAt,
};
type CompanyRow = Omit<typeof companies.$inferSelect, 'search' | 'workspaceId'>;

export const toCompany = (r: CompanyRow, contactCount?: number) => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  website: r.website,
  emails: r.emails,
  phones: r.phones,
  industry: r.industry,
  address: r.address,
  social: r.social,
  tags: r.tags,
  ownerId: r.ownerId,
  custom: r.custom,
  source: { first: r.firstSource, latest: r.latestSource },
  ...(contactCount !== undefined ? { contactCount } : {}),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const domainOf = (website: string | null | undefined) => {
  if (!website) return null;
  try {
    return new URL(website.includes('://') ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

async function prepare(db: DbOrTx, workspaceId: string, input: TCompanyUpdate, partial: boolean) {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'industry', 'social'] as const) if (input[k] !== undefined) out[k] = input[k];
  if (input.website !== undefined) {
    out.website = input.website || null;
    if (input.domain === undefined) out.domain = domainOf(input.website);
  }
  if (input.domain !== undefined) out.domain = input.domain?.toLowerCase() || null;
  if (input.address !== undefined) {
    out.address = input.address;
    out.country = input.address.country ?? null;
  }
  if (input.emails) {
    out.emails = uniq(
      input.emails.flatMap((raw, i) => {
        const e = normalizeEmail(raw);
        if (!e) errors.push({ field: `emails.${i}`, message: `"${raw}" is not an email address` });
        return e ? [e] : [];
      }),
    );
  }
  if (input.phones) {
    const country = input.address?.country;
    out.phones = uniq(
      input.phones.flatMap((raw, i) => {
        const p = normalizePhone(raw, country);
        if (!p) errors.push({ field: `phones.${i}`, message: `"${raw}" is not a valid phone number` });
        return p ? [p] : [];
      }),
    );
  }
  if (input.tags) out.tags = normalizeTags(input.tags);
  if (input.ownerId) {
    const members = await listMembers({ db, workspaceId });
    if (!members.some((m) => m.userId === input.ownerId))
      errors.push({ field: 'ownerId', message: 'is not a member of this workspace' });
    else out.ownerId = input.ownerId;
  } else if (input.ownerId === null) out.ownerId = null;
  if (input.custom !== undefined || !partial) {
    const defs = await listCustomFields({ db, workspaceId, entity: 'company' });
    const v = validateCustomValues(defs, input.custom ?? {}, { partial });
    errors.push(...v.errors);
    out.custom = v.values;
  }
  if (errors.length) throw AppError.validation(errors);
  return out;
}

export async function createCompany({
  db,
  workspaceId,
  actorId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TCompanyCreate;
}) {
  return db.transaction(async (tx) => {
    const fields = await prepare(tx, workspaceId, input, false);
    const source: SourceTouch = {
      channel: input.source?.channel ?? 'manual',
      name: input.source?.name ?? null,
      campaign: input.source?.campaign ?? null,
      at: input.source?.at ?? new Date().toISOString(),
    };
    const id = newId();
    const [row] = await tx
      .insert(companies)
      .values({ workspaceId, id, name: input.name, ...fields, firstSource: source, latestSource: source })
      .returning(columns);
    await appendTimeline(tx, { workspaceId, companyId: id, kind: 'created', actorId, data: { source } });
    await emitEvent(tx, { workspaceId, type: 'company.created', subjectId: id, payload: {} });
    return toCompany(row!);
  });
}

export async function getCompany({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [row] = await db
    .select(columns)
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)));
  if (!row) throw AppError.notFound('Company');
  const [n] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(contacts.companyId, id),
        sql`merged_into_id is null and erased_at is null`,
      ),
    );
  return toCompany(row, n?.n ?? 0);
}

export async function updateCompany({
  db,
  workspaceId,
  actorId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
  input: TCompanyUpdate;
}) {
  return db.transaction(async (tx) => {
    const before = await getCompany({ db: tx, workspaceId, id });
    const fields = await prepare(tx, workspaceId, input, true);
    if (fields.custom) fields.custom = { ...before.custom, ...(fields.custom as object) };
    const [row] = await tx
      .update(companies)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)))
      .returning(columns);
    if (input.name && input.name !== before.name) {
      // Contacts carry the company name for search and lists; keep it in step.
      await tx
        .update(contacts)
        .set({ companyName: input.name })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.companyId, id)));
    }
    const changed = Object.keys(fields).filter(
      (k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify(fields[k]),
    );
    if (changed.length)
      await appendTimeline(tx, {
        workspaceId,
        companyId: id,
        kind: 'field_change',
        actorId,
        data: { fields: changed },
      });
    return toCompany(row!);
  });
}

export async function deleteCompany({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return db.transaction(async (tx) => {
    await getCompany({ db: tx, workspaceId, id });
    await tx
      .update(contacts)
      .set({ companyId: null, companyName: null })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.companyId, id)));
    await tx
      .update(tasks)
      .set({ companyId: null })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.companyId, id)));
    await tx
      .update(deals)
      .set({ companyId: null })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.companyId, id)));
    await tx.delete(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)));
  });
}

export async function listCompanies({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TCompanyListQuery;
}) {
  const where: SQL[] = [sql`workspace_id = ${workspaceId}`];
  if (query.tags) where.push(sql`tags @> ${textArray(query.tags.split(',').map((t) => t.trim()))}`);
  if (query.ownerId) where.push(sql`owner_id = ${query.ownerId}`);
  if (query.q?.trim()) {
    const prefix = toPrefixQuery(query.q);
    const plain = query.q.toLowerCase().trim();
    where.push(
      sql`(${prefix ? sql`search @@ to_tsquery('simple', ${prefix}) or ` : sql``} f_unaccent(lower(name)) % f_unaccent(${plain}))`,
    );
  }
  const desc = query.sort.startsWith('-');
  const byName = query.sort.endsWith('name');
  const expr = byName ? sql`lower(name)` : sql`created_at`;
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const v = byName ? sql`${after[0]}` : sql`${after[0]}::timestamptz`;
    where.push(desc ? sql`(${expr}, id) < (${v}, ${after[1]}::uuid)` : sql`(${expr}, id) > (${v}, ${after[1]}::uuid)`);
  }
  const dir = desc ? sql`desc` : sql`asc`;
  const rows = await db
    .select(columns)
    .from(companies)
    .where(sql.join(where, sql` and `))
    .orderBy(sql`${expr} ${dir}`, sql`id ${dir}`)
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toCompany(r)),
    nextCursor:
      more && last ? encodeCursor([byName ? last.name.toLowerCase() : last.createdAt.toISOString(), last.id]) : null,
  };
}
