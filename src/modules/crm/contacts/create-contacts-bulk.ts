import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { emitEvents } from '../../../platform/events/outbox.ts';
import type { Address, Channel, SourceTouch } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { firstListed, stagePositions } from './advance-lifecycle-stages.ts';

// Creating many contacts at once, for other modules' bulk writers (an order batch's new customers): what
// createContact writes — the row, a `created` timeline entry, `contact.created` — for all of them in a fixed number
// of statements, where createContact costs ~7–10 statements a contact.

export type NewContactInput = {
  /** The id matchContacts named for this person (the caller's rows may point at it already, same transaction). */
  id: string;
  firstName: string | null;
  lastName: string | null;
  /** Normalised (normalizeEmail). */
  email: string | null;
  /** E.164 (normalizePhone). */
  phone: string | null;
  address: Address | null;
  /** The first touch; `at` is the time of the write. */
  source: { channel: Channel; name: string | null; campaign?: string | null };
  /** The stages wanted, best first: the first the workspace lists is the contact's stage; none: the CRM's default. */
  lifecycleStages?: readonly string[];
};

/**
 * Writes new contacts, each as createContact would (first and latest source = the touch given), at the stage asked
 * for when the workspace has it — then with `contact.lifecycle_stage_changed` from null, so automations on "became a
 * customer" start for new contacts as for known ones. The caller has found nobody holding these addresses under
 * matchContacts' locks (same transaction); unlike createContact this does not check for clashes again. A contact
 * with no name, email or phone is refused (VALIDATION naming `contacts.N`), and then nothing is written.
 */
export async function createContactsBulk(
  tx: Tx,
  { workspaceId, actorId, contacts }: { workspaceId: string; actorId: string | null; contacts: NewContactInput[] },
): Promise<{ contactId: string; lifecycleStage: string }[]> {
  if (!contacts.length) return [];
  const errors: FieldError[] = [];
  contacts.forEach((c, i) => {
    if (!c.firstName && !c.lastName && !c.email && !c.phone)
      errors.push({ field: `contacts.${i}`, message: 'a contact needs a name, an email or a phone' });
  });
  if (errors.length) throw AppError.validation(errors);

  const pos = await stagePositions(tx, workspaceId);
  const at = new Date().toISOString();
  const rows = contacts.map((c) => {
    const touch: SourceTouch = {
      channel: c.source.channel,
      name: c.source.name,
      campaign: c.source.campaign ?? null,
      at,
    };
    return { c, touch, stage: firstListed(c.lifecycleStages ?? [], pos) };
  });
  await tx.execute(sql`
    insert into contacts (workspace_id, id, first_name, last_name, emails, phones, address, country, first_source,
      latest_source, source_channel, lifecycle_stage)
    select ${workspaceId}, r.id, r.first_name, r.last_name, r.emails, r.phones, r.address, r.country, r.touch,
      r.touch, r.touch->>'channel', coalesce(r.stage, 'lead')
      from json_to_recordset(${JSON.stringify(
        rows.map(({ c, touch, stage }) => ({
          id: c.id,
          first_name: c.firstName,
          last_name: c.lastName,
          emails: c.email ? [c.email] : [],
          phones: c.phone ? [c.phone] : [],
          address: c.address ?? {},
          country: c.address?.country ?? null,
          touch,
          stage,
        })),
      )}::json) as r(id uuid, first_name text, last_name text, emails text[], phones text[], address jsonb,
        country text, touch jsonb, stage text)`);
  await appendTimeline(
    tx,
    rows.map(({ c, touch }) => ({ workspaceId, contactId: c.id, kind: 'created', actorId, data: { source: touch } })),
  );
  await emitEvents(
    tx,
    rows.flatMap(({ c, touch, stage }) => [
      { workspaceId, type: 'contact.created', subjectId: c.id, payload: { source: touch } },
      ...(stage
        ? [
            {
              workspaceId,
              type: 'contact.lifecycle_stage_changed',
              subjectId: c.id,
              payload: { from: null, to: stage },
            },
          ]
        : []),
    ]),
  );
  return rows.map(({ c, stage }) => ({ contactId: c.id, lifecycleStage: stage ?? 'lead' }));
}
