import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TWebinarUpdate } from './contracts.ts';
import { checkList, slugTaken } from './create-webinar.ts';
import { scheduleReminders } from './reminders.ts';
import { webinars } from './schema.ts';
import { getWebinar, getWebinarRow } from './webinar-row.ts';

/** Changes a webinar; a new start time or new reminder offsets move its reminder jobs in the same transaction. */
export async function updateWebinar({
  db,
  workspaceId,
  id,
  publicUrl,
  input,
  now = new Date(),
}: {
  db: Db;
  workspaceId: string;
  id: string;
  publicUrl: string;
  input: TWebinarUpdate;
  now?: Date;
}) {
  const errors = await checkList(db, workspaceId, input.listId);
  if (errors.length) throw AppError.validation(errors);
  try {
    await db.transaction(async (tx) => {
      const before = await getWebinarRow(tx, workspaceId, id, { forUpdate: true });
      const set: Partial<typeof webinars.$inferInsert> = { updatedAt: now };
      if (input.title !== undefined) set.title = input.title;
      if (input.description !== undefined) set.description = input.description;
      if (input.startsAt !== undefined) set.startsAt = new Date(input.startsAt);
      if (input.durationMinutes !== undefined) set.durationMinutes = input.durationMinutes;
      if (input.joinUrl !== undefined) set.joinUrl = input.joinUrl;
      if (input.slug !== undefined) set.slug = input.slug;
      if (input.listId !== undefined) set.listId = input.listId;
      if (input.consentText !== undefined) set.consentText = input.consentText;
      if (input.reminderOffsets !== undefined) set.reminderOffsets = [...new Set(input.reminderOffsets)];
      if (input.registrationOpen !== undefined) set.registrationOpen = input.registrationOpen;
      if (input.tags !== undefined) set.tags = [...new Set(input.tags.map((t) => t.toLowerCase()))];
      const [after] = await tx
        .update(webinars)
        .set(set)
        .where(and(eq(webinars.workspaceId, workspaceId), eq(webinars.id, id)))
        .returning();
      const moved =
        after!.startsAt.getTime() !== before.startsAt.getTime() ||
        after!.reminderOffsets.join() !== before.reminderOffsets.join();
      if (moved) await scheduleReminders(tx, after!, { previousOffsets: before.reminderOffsets, now });
    });
  } catch (err) {
    throw slugTaken(err);
  }
  return getWebinar({ db, workspaceId, id, publicUrl });
}
