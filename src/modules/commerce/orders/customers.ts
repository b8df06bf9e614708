import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import type { FieldError } from '../../../platform/errors.ts';
import {
  advanceLifecycleStages as advanceStages,
  createContactsBulk,
  lockContacts as lockCrmContacts,
  matchContacts,
  type StageMove,
} from '../../crm/index.ts';

// The CRM work of an order batch: find the customers' contacts, create the new ones, and move lifecycle stages
// forward — through the CRM's bulk use cases (its index), a fixed number of statements for the whole batch. What is
// the orders' to decide stays here: which channel and touch an order's source gives a new contact, and which stage
// a number of live orders earns (customer with one, repeat customer with two).

export type CustomerRef = {
  /** The order's source: a new contact's first touch ("shopify order"). */
  source: string;
  contactId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  address: {
    street: string | null;
    city: string;
    region: string | null;
    postcode: string | null;
    country: string;
  } | null;
};

export type CustomerResult = { contactId: string | null; created: boolean } | { error: FieldError };

/** A contact to create for new customers: its id is used by the orders before the row exists (same transaction). */
export type NewContact = { id: string; ref: CustomerRef };

/** Which CRM channel an order's source counts as, for a contact it creates. */
function channelOf(source: string): 'api' | 'import' | 'manual' | 'other' {
  if (source === 'api') return 'api';
  if (source === 'csv') return 'import';
  if (source === 'pos') return 'manual';
  return 'other';
}

/** `repeat_customer` from two live orders, `customer` from one — the first of them the workspace lists. */
function stagesFor(liveOrders: number): string[] {
  if (liveOrders >= 2) return ['repeat_customer', 'customer'];
  if (liveOrders >= 1) return ['customer'];
  return [];
}

/**
 * The contact of each order: by contactId (a merged one stands for its survivor), else by email, else by phone, else
 * a new contact from what the order says (name, email, phone, shipping address). Orders without any of the three
 * have no customer (a walk-in sale). The new contacts are only named here (the CRM locks their addresses to the
 * commit): `insertNewContacts` writes them once it is known which orders were placed, so each is written once, at the
 * stage its orders give it.
 */
export async function resolveCustomers(
  tx: Tx,
  { workspaceId, refs }: { workspaceId: string; refs: CustomerRef[] },
): Promise<{ results: CustomerResult[]; fresh: NewContact[] }> {
  const { results, named } = await matchContacts(tx, { workspaceId, refs });
  return {
    results: results.map((r) =>
      'error' in r
        ? { error: { field: `customer.${r.error.field}`, message: r.error.message } }
        : { contactId: r.contactId, created: r.isNew },
    ),
    fresh: named.map((n) => ({ id: n.id, ref: refs[n.first]! })),
  };
}

/**
 * Writes the batch's new contacts (through the CRM: the row, a `created` timeline entry, `contact.created`), already
 * at the stage their live orders in this batch give them, with `contact.lifecycle_stage_changed` from null so
 * automations on "became a customer" start for new customers too. A contact without a live order is made at the
 * CRM's default stage.
 */
export async function insertNewContacts(
  tx: Tx,
  {
    workspaceId,
    actorId,
    contacts,
  }: { workspaceId: string; actorId: string | null; contacts: (NewContact & { liveOrders: number })[] },
): Promise<void> {
  await createContactsBulk(tx, {
    workspaceId,
    actorId,
    contacts: contacts.map(({ id, ref, liveOrders }) => ({
      id,
      firstName: ref.firstName,
      lastName: ref.lastName,
      email: ref.email,
      phone: ref.phone,
      address: ref.address,
      source: { channel: channelOf(ref.source), name: `${ref.source} order` },
      lifecycleStages: stagesFor(liveOrders),
    })),
  });
}

/**
 * Locks the batch's customers. Taken before any stock is reserved, and held to the commit: the order counts that
 * decide lifecycle stages then see every committed order.
 */
export async function lockContacts(tx: Tx, workspaceId: string, contactIds: string[]): Promise<void> {
  await lockCrmContacts(tx, workspaceId, contactIds);
}

/**
 * Moves customers forward on the lifecycle: `customer` with one live (not cancelled) order, `repeat_customer` with
 * two or more — never backwards (the CRM keeps a contact already at `advocate`, or on a stage the workspace placed
 * after those). Counts every order of theirs, this batch's included; call it with the contacts locked.
 */
export async function advanceLifecycleStages(
  tx: Tx,
  { workspaceId, actorId, contactIds }: { workspaceId: string; actorId: string | null; contactIds: string[] },
): Promise<{ contactId: string; from: string; to: string }[]> {
  if (!contactIds.length) return [];
  const r = await tx.execute<{ contactId: string; orders: number }>(sql`
    select contact_id as "contactId", count(*)::int as orders from commerce_orders
    where workspace_id = ${workspaceId} and contact_id = any(${uuidArray(contactIds)}) and status <> 'cancelled'
    group by contact_id`);
  const moves: StageMove[] = r.rows.map((c) => ({ contactId: c.contactId, to: stagesFor(c.orders) }));
  return advanceStages(tx, { workspaceId, actorId, moves, by: 'order' });
}
