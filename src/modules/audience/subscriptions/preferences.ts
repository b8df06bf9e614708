import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { getContact, recordConsent, updateContact } from '../../crm/index.ts';
import { setMembership } from '../lists/index.ts';
import { audienceLists, contactMailPrefs, listMembers, type MembershipStatus, suppressions } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { lockAddress } from './contact-lookup.ts';
import { hashIp } from './ip-hash.ts';
import { type Evidence, stopAllMarketing } from './unsubscribe.ts';

export const PAUSE_DAYS = [30, 60, 90] as const;

/** Languages offered in the preference centre (a contact's current language is always offered too). */
export const LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'cs',
  'sv',
  'da',
  'nb',
  'fi',
  'hu',
  'ro',
  'el',
  'tr',
  'ru',
  'uk',
  'ar',
  'he',
  'zh',
  'ja',
  'ko',
];

export type PreferencesView = {
  contactId: string;
  email: string;
  firstName: string | null;
  language: string | null;
  lists: { id: string; name: string; description: string | null; status: MembershipStatus | null }[];
  pausedUntil: Date | null;
  unsubscribedAll: boolean;
};

/** What the preference centre shows: the public lists (with the contact's status), language, pause, stop-all. */
export async function getPreferences(db: Db, workspaceId: string, contactId: string): Promise<PreferencesView | null> {
  let c = await getContact({ db, workspaceId, id: contactId }).catch(() => null);
  // A link mailed before a merge still works: it leads to the contact that survived.
  for (let hops = 0; c?.mergedIntoId && hops < 5; hops++)
    c = await getContact({ db, workspaceId, id: c.mergedIntoId }).catch(() => null);
  if (!c || c.erasedAt || c.mergedIntoId || !c.emails[0]) return null;
  contactId = c.id;
  const lists = await db
    .select({
      id: audienceLists.id,
      name: audienceLists.name,
      description: audienceLists.description,
      status: listMembers.status,
    })
    .from(audienceLists)
    .leftJoin(
      listMembers,
      and(
        eq(listMembers.workspaceId, audienceLists.workspaceId),
        eq(listMembers.listId, audienceLists.id),
        eq(listMembers.contactId, contactId),
      ),
    )
    .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.visibility, 'public')))
    .orderBy(asc(sql`lower(${audienceLists.name})`), asc(audienceLists.id));
  const [prefs] = await db
    .select({ pausedUntil: contactMailPrefs.pausedUntil })
    .from(contactMailPrefs)
    .where(and(eq(contactMailPrefs.workspaceId, workspaceId), eq(contactMailPrefs.contactId, contactId)));
  const [sup] = await db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, c.emails[0])));
  const pausedUntil = prefs?.pausedUntil && prefs.pausedUntil > new Date() ? prefs.pausedUntil : null;
  return {
    contactId,
    email: c.emails[0],
    firstName: c.firstName,
    language: c.language,
    lists: lists.map((l) => ({ ...l, status: l.status ?? null })),
    pausedUntil,
    unsubscribedAll: sup?.reason === 'unsubscribed',
  };
}

export type PreferencesInput = {
  /** The public lists ticked; every other public list is left. */
  listIds: string[];
  language: string | null;
  /** 0 resumes; 30, 60, 90 pause all marketing mail that many days. Undefined leaves the pause as it is. */
  pauseDays?: number | undefined;
  unsubscribeAll: boolean;
};

/**
 * Saves the preference centre. The person reached it through a link mailed to them, so ticking a public list
 * subscribes at once (no second confirmation) and lifts an earlier "unsubscribed" suppression; unticking leaves it.
 */
export async function savePreferences({
  db,
  workspaceId,
  contactId: tokenContactId,
  input,
  evidence,
}: {
  db: Db;
  workspaceId: string;
  contactId: string;
  input: PreferencesInput;
  evidence: Evidence;
}): Promise<PreferencesView | null> {
  const view = await getPreferences(db, workspaceId, tokenContactId);
  if (!view) return null;
  const contactId = view.contactId;
  const settings = await audienceSettingsFor(db, workspaceId);
  const ipHash = hashIp(settings.signingKey, evidence.ip);
  await db.transaction(async (tx) => {
    await lockAddress(tx, workspaceId, view.email);
    const at = new Date();
    if (input.unsubscribeAll) {
      await stopAllMarketing(tx, {
        workspaceId,
        contactId,
        email: view.email,
        via: 'preference_centre',
        evidence,
        ipHash,
      });
    } else {
      const wanted = new Set(input.listIds);
      const joined: string[] = [];
      for (const l of view.lists) {
        const on = l.status === 'subscribed' || l.status === 'pending';
        if (wanted.has(l.id) && l.status !== 'subscribed') {
          await setMembership(tx, {
            workspaceId,
            listId: l.id,
            contactId,
            status: 'subscribed',
            confirmed: true,
            source: 'preference centre',
            at,
          });
          joined.push(l.id);
        } else if (!wanted.has(l.id) && on) {
          await setMembership(tx, {
            workspaceId,
            listId: l.id,
            contactId,
            status: 'unsubscribed',
            reason: 'preference centre',
            at,
          });
        }
      }
      if (joined.length) {
        await tx
          .delete(suppressions)
          .where(
            and(
              eq(suppressions.workspaceId, workspaceId),
              eq(suppressions.email, view.email),
              eq(suppressions.reason, 'unsubscribed'),
            ),
          );
        await recordConsent({
          db: tx,
          workspaceId,
          contactId,
          actorId: null,
          at,
          input: {
            channel: 'email',
            status: 'subscribed',
            lawfulBasis: 'consent',
            source: 'preference centre',
            evidence: {
              kind: 'preference_centre',
              listIds: joined,
              at: at.toISOString(),
              ipHash,
              userAgent: evidence.userAgent?.slice(0, 500) ?? null,
            },
          },
        });
      }
      if (input.pauseDays !== undefined) {
        const pausedUntil = input.pauseDays > 0 ? new Date(at.getTime() + input.pauseDays * 86_400_000) : null;
        await tx
          .insert(contactMailPrefs)
          .values({ workspaceId, contactId, pausedUntil })
          .onConflictDoUpdate({
            target: [contactMailPrefs.workspaceId, contactMailPrefs.contactId],
            set: { pausedUntil, updatedAt: at },
          });
      }
    }
    if (input.language !== null && input.language !== view.language) {
      await updateContact({ db: tx, workspaceId, actorId: null, id: contactId, input: { language: input.language } });
    }
  });
  return getPreferences(db, workspaceId, contactId);
}
