import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { contacts, type SourceTouch } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { recordConsent } from './consent.ts';
import type { TContactCreate } from './contracts.ts';
import { assertNoIdentityClash, prepareContactFields } from './prepare-contact.ts';
import { contactColumns, toContact } from './serialize.ts';

export type CreateContactOptions = {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TContactCreate;
  /** Channel used when the input names no source: `manual` from the UI, `api` from an API key. */
  defaultChannel?: SourceTouch['channel'];
};

export async function createContact({
  db,
  workspaceId,
  actorId,
  input,
  defaultChannel = 'manual',
}: CreateContactOptions) {
  return db.transaction(async (tx) => {
    const fields = await prepareContactFields(tx, workspaceId, input, { partial: false });
    const hasName = fields.firstName || fields.lastName;
    if (!hasName && !fields.emails?.length && !fields.phones?.length)
      throw AppError.validation([{ field: 'name', message: 'a contact needs a name, an email or a phone' }]);
    await assertNoIdentityClash(tx, workspaceId, fields);
    const source: SourceTouch = {
      channel: input.source?.channel ?? defaultChannel,
      name: input.source?.name ?? null,
      campaign: input.source?.campaign ?? null,
      at: input.source?.at ?? new Date().toISOString(),
    };
    const id = newId();
    const [row] = await tx
      .insert(contacts)
      .values({
        workspaceId,
        id,
        ...fields,
        firstSource: source,
        latestSource: source,
        sourceChannel: source.channel,
      })
      .returning(contactColumns);
    if (input.consent?.email) {
      await recordConsent({
        db: tx,
        workspaceId,
        contactId: id,
        actorId,
        input: { channel: 'email', ...input.consent.email },
      });
    }
    await appendTimeline(tx, {
      workspaceId,
      contactId: id,
      companyId: row!.companyId,
      kind: 'created',
      actorId,
      data: { source },
    });
    await emitEvent(tx, { workspaceId, type: 'contact.created', subjectId: id, payload: { source } });
    return toContact(row!);
  });
}
