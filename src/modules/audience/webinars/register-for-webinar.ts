import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import {
  appendTimeline,
  createContact,
  getContact,
  normalizeEmail,
  recordConsent,
  updateContact,
} from '../../crm/index.ts';
import { setMembership } from '../lists/index.ts';
import { audienceLists } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { findContactIdByEmail, lockAddress } from '../subscriptions/contact-lookup.ts';
import { hashIp } from '../subscriptions/ip-hash.ts';
import { webinarConfirmationJob } from './confirmation.ts';
import { webinarRegistrants } from './schema.ts';
import type { WebinarRow } from './webinar-row.ts';

export const DEFAULT_CONSENT_TEXT = 'Also send me news and invitations to future events by email.';

export type RegistrationInput = {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  /** The consent box was ticked (the text shown is the webinar's consent text). */
  consent: boolean;
  utmCampaign?: string | null;
};

/**
 * A registration from the public page, in one transaction: the contact found by address (or created, first touch
 * channel `event` named after the webinar, carrying the visit's utm_campaign), the registrant row, a timeline entry,
 * consent with its evidence (text shown, time, keyed hash of the IP — never the IP) when the box was ticked, the list
 * membership (pending while the list wants double opt-in), and the confirmation email queued.
 */
export async function registerForWebinar({
  db,
  webinar,
  input,
  ip,
  pageUrl,
  now = new Date(),
}: {
  db: Db;
  webinar: WebinarRow;
  input: RegistrationInput;
  ip: string | null;
  pageUrl: string;
  now?: Date;
}): Promise<{ contactId: string; created: boolean; alreadyRegistered: boolean }> {
  const workspaceId = webinar.workspaceId;
  const email = normalizeEmail(input.email);
  if (!email) throw AppError.validation([{ field: 'email', message: 'is not an email address' }]);
  if (!webinar.registrationOpen) throw new AppError('CONFLICT', 'Registration for this event is closed.');
  if (webinar.startsAt.getTime() + webinar.durationMinutes * 60_000 < now.getTime())
    throw new AppError('CONFLICT', 'This event has taken place.');
  const settings = await audienceSettingsFor(db, workspaceId);
  return db.transaction(async (tx) => {
    await lockAddress(tx, workspaceId, email);
    const touch = { channel: 'event' as const, name: webinar.title, campaign: input.utmCampaign ?? null };
    let contactId = await findContactIdByEmail(tx, workspaceId, email);
    let created = false;
    if (!contactId) {
      const c = await createContact({
        db: tx,
        workspaceId,
        actorId: null,
        input: {
          emails: [email],
          firstName: input.firstName || null,
          lastName: input.lastName || null,
          source: { ...touch, at: now.toISOString() },
        },
        defaultChannel: 'event',
      });
      contactId = c.id;
      created = true;
    } else {
      // Known person: this is their latest touch; names fill gaps but never overwrite what the business keeps.
      const before = await getContact({ db: tx, workspaceId, id: contactId });
      await updateContact({
        db: tx,
        workspaceId,
        actorId: null,
        id: contactId,
        input: {
          ...(!before.firstName && input.firstName ? { firstName: input.firstName } : {}),
          ...(!before.lastName && input.lastName ? { lastName: input.lastName } : {}),
          latestSource: { ...touch, at: now.toISOString() },
        },
      });
    }
    const inserted = await tx
      .insert(webinarRegistrants)
      .values({
        workspaceId,
        webinarId: webinar.id,
        contactId,
        registeredAt: now,
        utmCampaign: input.utmCampaign ?? null,
      })
      .onConflictDoNothing()
      .returning({ contactId: webinarRegistrants.contactId });
    const alreadyRegistered = inserted.length === 0;
    if (!alreadyRegistered)
      await appendTimeline(tx, {
        workspaceId,
        contactId,
        kind: 'webinar_registered',
        module: 'audience',
        at: now,
        data: { webinarId: webinar.id, title: webinar.title, startsAt: webinar.startsAt.toISOString() },
      });

    if (input.consent) {
      const list = webinar.listId
        ? (
            await tx
              .select({ id: audienceLists.id, doubleOptIn: audienceLists.doubleOptIn })
              .from(audienceLists)
              .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, webinar.listId)))
          )[0]
        : undefined;
      const pending = Boolean(list?.doubleOptIn);
      await recordConsent({
        db: tx,
        workspaceId,
        contactId,
        actorId: null,
        at: now,
        input: {
          channel: 'email',
          status: pending ? 'pending' : 'subscribed',
          lawfulBasis: 'consent',
          source: `webinar: ${webinar.title}`,
          evidence: {
            kind: 'webinar_registration',
            webinarId: webinar.id,
            text: webinar.consentText || DEFAULT_CONSENT_TEXT,
            at: now.toISOString(),
            ipHash: hashIp(settings.signingKey, ip),
            page: pageUrl,
            ...(list ? { listId: list.id, doubleOptIn: pending } : {}),
          },
        },
      });
      if (list)
        await setMembership(tx, {
          workspaceId,
          listId: list.id,
          contactId,
          status: pending ? 'pending' : 'subscribed',
          source: `webinar: ${webinar.title}`,
          at: now,
        });
    }
    await addJob(tx, webinarConfirmationJob, {
      workspaceId,
      webinarId: webinar.id,
      contactId,
      bucket: Math.floor(now.getTime() / 3_600_000),
    });
    return { contactId, created, alreadyRegistered };
  });
}
