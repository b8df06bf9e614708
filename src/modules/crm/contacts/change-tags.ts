import type { DbOrTx } from '../../../platform/db/client.ts';
import { normalizeTags } from '../normalize.ts';
import { getContactRow } from './get-contact.ts';
import { toContact } from './serialize.ts';
import { updateContact } from './update-contact.ts';

/**
 * Adds and removes tags without the caller reading the list first (automations, bulk actions): the row is locked, so
 * two concurrent changes do not overwrite each other. Goes through updateContact, so the timeline entry and the
 * contact.tag_added / contact.tag_removed events are the usual ones.
 */
export async function changeContactTags({
  db,
  workspaceId,
  actorId,
  contactId,
  add = [],
  remove = [],
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  contactId: string;
  add?: string[];
  remove?: string[];
}) {
  return db.transaction(async (tx) => {
    const row = await getContactRow(tx, workspaceId, contactId, { forUpdate: true });
    const drop = new Set(normalizeTags(remove));
    const tags = normalizeTags([...row.tags.filter((t) => !drop.has(t)), ...add]);
    if (tags.length === row.tags.length && tags.every((t, i) => t === row.tags[i])) return toContact(row);
    return updateContact({ db: tx, workspaceId, actorId, id: contactId, input: { tags } });
  });
}
