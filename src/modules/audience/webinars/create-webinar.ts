import { and, eq, like } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { audienceLists } from '../schema.ts';
import type { TWebinarCreate } from './contracts.ts';
import { scheduleReminders } from './reminders.ts';
import { webinars } from './schema.ts';
import { getWebinar } from './webinar-row.ts';

export const DEFAULT_REMINDERS = [1440, 60];

export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'webinar';
}

/** `base`, else `base-2`, `base-3`… whichever is free in this workspace. */
async function freeSlug(db: DbOrTx, workspaceId: string, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ slug: webinars.slug })
        .from(webinars)
        .where(and(eq(webinars.workspaceId, workspaceId), like(webinars.slug, `${base}%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function checkList(db: DbOrTx, workspaceId: string, listId: string | null | undefined) {
  const errors: FieldError[] = [];
  if (!listId) return errors;
  const [l] = await db
    .select({ id: audienceLists.id })
    .from(audienceLists)
    .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, listId)));
  if (!l) errors.push({ field: 'listId', message: 'no such list in this workspace' });
  return errors;
}

export const slugTaken = (err: unknown) =>
  pgCode(err) === PG.UNIQUE_VIOLATION
    ? AppError.validation([{ field: 'slug', message: 'another webinar of this workspace has this address' }])
    : err;

export async function createWebinar({
  db,
  workspaceId,
  actorId,
  publicUrl,
  input,
  now = new Date(),
}: {
  db: Db;
  workspaceId: string;
  actorId: string | null;
  publicUrl: string;
  input: TWebinarCreate;
  now?: Date;
}) {
  const errors = await checkList(db, workspaceId, input.listId);
  if (errors.length) throw AppError.validation(errors);
  const id = newId();
  try {
    await db.transaction(async (tx) => {
      const slug = input.slug ?? (await freeSlug(tx, workspaceId, slugify(input.title)));
      const [row] = await tx
        .insert(webinars)
        .values({
          workspaceId,
          id,
          title: input.title,
          description: input.description ?? null,
          startsAt: new Date(input.startsAt),
          durationMinutes: input.durationMinutes,
          joinUrl: input.joinUrl ?? null,
          slug,
          listId: input.listId ?? null,
          consentText: input.consentText ?? null,
          reminderOffsets: [...new Set(input.reminderOffsets ?? DEFAULT_REMINDERS)],
          registrationOpen: input.registrationOpen ?? true,
          tags: [...new Set((input.tags ?? []).map((t) => t.toLowerCase()))],
          createdBy: actorId,
        })
        .returning();
      await scheduleReminders(tx, row!, { now });
    });
  } catch (err) {
    throw slugTaken(err);
  }
  return getWebinar({ db, workspaceId, id, publicUrl });
}
