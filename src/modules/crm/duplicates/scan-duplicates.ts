import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { addJob, defineJob } from '../../../platform/jobs/queue.ts';
import { duplicateScans } from '../schema.ts';

/** Names must be this similar (pg_trgm similarity of the unaccented, lower-cased full names). */
export const NAME_SIMILARITY = 0.6;

/**
 * An address at a public mail provider says nothing about working at the same place. Regional providers missing from
 * this list are caught by MAX_DOMAIN_BLOCK: a company's own domain is rarely shared by hundreds of contacts that have
 * no company record.
 */
const FREE_MAIL = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.es',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.es',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
  'proton.me',
  'protonmail.com',
];
const MAX_DOMAIN_BLOCK = 200;
/** Beyond this many contacts a company's names are not compared pairwise (emails and phones still are). */
const MAX_COMPANY_BLOCK = 2000;
/** A shared mailbox (info@) or switchboard on hundreds of contacts is no duplicate signal and would make n² pairs. */
const MAX_KEY_GROUP = 50;

const active = (workspaceId: string) =>
  sql`c.workspace_id = ${workspaceId} and c.merged_into_id is null and c.erased_at is null`;

/** Pairs sharing a normalised email or E.164 phone: one grouped pass over the unnested arrays, no n² scan. */
const keyPairs = (workspaceId: string, column: 'emails' | 'phones', reason: 'email' | 'phone') => sql`
  select g.ids[i] as a, g.ids[j] as b, jsonb_build_object('reason', ${reason}::text, 'value', g.value) as reason
  from (
    select v as value, array_agg(c.id order by c.id) as ids
    from contacts c cross join lateral unnest(c.${sql.raw(column)}) as v
    where ${active(workspaceId)}
    group by v
    having count(*) between 2 and ${MAX_KEY_GROUP}
  ) g
  cross join lateral generate_subscripts(g.ids, 1) as i
  cross join lateral generate_subscripts(g.ids, 1) as j
  where i < j`;

/**
 * Contacts with a name, in their block — the company, or for contacts without one the domain of their primary email —
 * with the block's size, so blocks too big to compare pairwise can be skipped.
 */
const namedCte = (workspaceId: string) => sql`
  named as (
    select x.*, count(*) over (partition by x.block) as size
    from (
      select c.id, f_unaccent(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))) as nm,
        coalesce('c:' || c.company_id::text, 'd:' || split_part(c.emails[1], '@', 2)) as block
      from contacts c
      where ${active(workspaceId)}
        and (c.first_name is not null or c.last_name is not null)
        and (c.company_id is not null
          or (split_part(c.emails[1], '@', 2) <> '' and split_part(c.emails[1], '@', 2) <> all(${textArray(FREE_MAIL)})))
    ) x
  )`;

/** Similar names inside one block: the work is the sum of the blocks' squares, not the square of the workspace. */
const namePairs = sql`
  select a.id as a, b.id as b,
    jsonb_build_object('reason', 'name', 'similarity', round(similarity(a.nm, b.nm)::numeric, 2)) as reason
  from named a
  join named b on b.block = a.block and b.id > a.id
  where a.size between 2 and (case when a.block like 'c:%' then ${MAX_COMPANY_BLOCK}::int else ${MAX_DOMAIN_BLOCK}::int end)
    and similarity(a.nm, b.nm) > ${NAME_SIMILARITY}::real`;

/**
 * Recomputes the workspace's candidate pairs in one transaction: readers see the previous scan until this one
 * commits. Safe to run twice (it replaces, never appends).
 */
export async function scanDuplicates({ db, workspaceId }: { db: Db; workspaceId: string }): Promise<number> {
  return db.transaction(async (tx) => {
    // Big group-bys and hash joins: enough memory to stay off disk; JIT costs more than it saves on a one-off query.
    await tx.execute(sql`set local work_mem = '128MB'`);
    await tx.execute(sql`set local jit = off`);
    const startedAt = new Date();
    await tx
      .insert(duplicateScans)
      .values({ workspaceId, startedAt })
      .onConflictDoUpdate({ target: duplicateScans.workspaceId, set: { startedAt, error: null } });
    await tx.execute(sql`delete from duplicate_pairs where workspace_id = ${workspaceId}`);
    const inserted = await tx.execute(sql`
      insert into duplicate_pairs (workspace_id, contact_a, contact_b, reasons)
      with ${namedCte(workspaceId)}
      select ${workspaceId}::uuid, p.a, p.b, jsonb_agg(p.reason order by p.reason->>'reason')
      from (
        ${keyPairs(workspaceId, 'emails', 'email')}
        union all ${keyPairs(workspaceId, 'phones', 'phone')}
        union all ${namePairs}
      ) p
      group by p.a, p.b`);
    const pairs = inserted.rowCount ?? 0;
    await tx
      .update(duplicateScans)
      .set({ finishedAt: new Date(), pairs })
      .where(eq(duplicateScans.workspaceId, workspaceId));
    return pairs;
  });
}

export const scanDuplicatesJob = defineJob({
  name: 'crm.scan-duplicates',
  payload: z.object({ workspaceId: z.string().uuid() }),
  maxAttempts: 3,
  handler: async ({ workspaceId }, ctx) => {
    const t0 = Date.now();
    const pairs = await scanDuplicates({ db: ctx.db, workspaceId });
    ctx.logger.info({ workspaceId, pairs, ms: Date.now() - t0 }, 'duplicate scan finished');
  },
});

/**
 * Queues a scan. The job key makes repeated requests collapse into one queued job per workspace, however often the
 * list is opened or the button pressed.
 */
export async function requestDuplicateScan({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  const requestedAt = new Date();
  await db
    .insert(duplicateScans)
    .values({ workspaceId, requestedAt })
    .onConflictDoUpdate({ target: duplicateScans.workspaceId, set: { requestedAt } });
  await addJob(db, scanDuplicatesJob, { workspaceId }, { jobKey: `crm.scan-duplicates:${workspaceId}` });
  return requestedAt;
}
