import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';

// Finding the contacts of many people at once, for bulk writers in other modules (order batches): a fixed number of
// statements whatever the count, where getContact / a list query per person would cost one round trip each.

/** Who a person is, as another module knows them. `email` normalised (normalizeEmail), `phone` E.164 (normalizePhone). */
export type ContactMatchRef = { contactId?: string | null; email?: string | null; phone?: string | null };

export type ContactMatch =
  /** A live contact (a merged one answers with the contact it was merged into). */
  | { contactId: string; isNew: false }
  /** Nobody holds the address or phone: a new contact is named for it, to be written by createContactsBulk. */
  | { contactId: string; isNew: true }
  /** No contact id, email or phone given: nobody to find. */
  | { contactId: null; isNew: false }
  | { error: FieldError };

/** A contact named for creation, with the first ref (its index) that brought it. */
export type NamedContact = { id: string; first: number };

/**
 * Finds live contacts holding these addresses (or phones): ONE scan of the GIN index for all keys (`&&`), then which
 * key each row holds is read in memory. The inner query is fenced (`offset 0`) and has no workspace condition, so
 * the planner cannot prefer walking the workspace's contacts and testing each (the import measured that plan at
 * minutes on 100k contacts); the keys come through an InitPlan (`(select …)`) so the planner uses the default
 * overlap selectivity instead of estimating each of hundreds of keys as common — with the literal array it chose a
 * sequential scan (1.5 s on 150k contacts), and the per-key lateral probes this replaces were costed high enough
 * (~1M) to trigger JIT compilation (~250 ms) on servers built with LLVM. The oldest holder wins.
 */
async function findByKeys(
  tx: Tx,
  workspaceId: string,
  column: 'emails' | 'phones',
  keys: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!keys.length) return found;
  const col = sql.raw(column);
  const r = await tx.execute<{ id: string; held: string[] }>(sql`
    select x.id, x.held from (
        select id, workspace_id, merged_into_id, erased_at, ${col} as held from contacts
         where ${col} && (select ${textArray(keys)}) offset 0
      ) x
     where x.workspace_id = ${workspaceId} and x.merged_into_id is null and x.erased_at is null
     order by x.id`);
  const wanted = new Set(keys);
  // Ids are UUIDv7 (time-ordered): the first seen per key is the oldest contact.
  for (const row of r.rows) for (const k of row.held) if (wanted.has(k) && !found.has(k)) found.set(k, row.id);
  return found;
}

/**
 * The contact of each ref, in one pass for all: by `contactId` (unknown or erased → an error naming `contactId`),
 * else the live contact holding the `email`, else the `phone` (email is the stronger identity: the phone decides
 * only when nobody holds the address, as in the import), else a new contact named for the address or phone — one
 * per address even when several refs bring it. Refs with none of the three have no contact.
 *
 * Runs in the caller's transaction, and the new addresses stay locked to its end (the advisory keys audience's
 * forms take for an address), so two transactions bringing the same new person name one contact: the second one
 * waits, looks again and finds the first one's. The caller writes the named contacts (createContactsBulk) in the
 * same transaction — or none of them: a name is only an id until then.
 */
export async function matchContacts(
  tx: Tx,
  { workspaceId, refs }: { workspaceId: string; refs: ContactMatchRef[] },
): Promise<{ results: ContactMatch[]; named: NamedContact[] }> {
  const out: (ContactMatch | undefined)[] = refs.map(() => undefined);

  const ids = [...new Set(refs.flatMap((r) => (r.contactId ? [r.contactId] : [])))];
  if (ids.length) {
    const r = await tx.execute<{ id: string; merged_into_id: string | null; erased_at: Date | null }>(sql`
      select id, merged_into_id, erased_at from contacts
      where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`);
    const byId = new Map(r.rows.map((x) => [x.id, x]));
    refs.forEach((ref, i) => {
      if (!ref.contactId) return;
      const row = byId.get(ref.contactId);
      out[i] =
        !row || row.erased_at
          ? { error: { field: 'contactId', message: 'no such contact in this workspace' } }
          : { contactId: row.merged_into_id ?? row.id, isNew: false };
    });
  }

  const open = () => refs.map((r, i) => ({ r, i })).filter(({ i }) => out[i] === undefined);
  const lookup = async () => {
    const pending = open();
    const byEmail = await findByKeys(tx, workspaceId, 'emails', [
      ...new Set(pending.flatMap(({ r }) => (r.email ? [r.email] : []))),
    ]);
    const noEmailMatch = pending.filter(({ r }) => !r.email || !byEmail.has(r.email));
    const byPhone = await findByKeys(tx, workspaceId, 'phones', [
      ...new Set(noEmailMatch.flatMap(({ r }) => (r.phone ? [r.phone] : []))),
    ]);
    for (const { r, i } of pending) {
      const id = (r.email ? byEmail.get(r.email) : undefined) ?? (r.phone ? byPhone.get(r.phone) : undefined) ?? null;
      if (id) out[i] = { contactId: id, isNew: false };
      else if (!r.email && !r.phone) out[i] = { contactId: null, isNew: false };
    }
  };
  await lookup();

  const missing = open();
  if (!missing.length) return { results: out as ContactMatch[], named: [] };
  // Serialise with any other writer creating a contact for the same address, then look again: one of them may have
  // committed it while this transaction was on its way. Sorted, so two transactions queue instead of deadlocking.
  const lockKeys = [
    ...new Set(
      missing.map(({ r }) => (r.email ? `audience:${workspaceId}:${r.email}` : `phone:${workspaceId}:${r.phone}`)),
    ),
  ].sort();
  await tx.execute(sql`
    select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${textArray(lockKeys)}) as k order by k`);
  await lookup();

  const named = new Map<string, NamedContact>();
  for (const { r, i } of open()) {
    const key = r.email ? `e:${r.email}` : `p:${r.phone}`;
    let c = named.get(key);
    if (!c) {
      c = { id: newId(), first: i };
      named.set(key, c);
    }
    out[i] = { contactId: c.id, isNew: true };
  }
  return { results: out as ContactMatch[], named: [...named.values()] };
}
