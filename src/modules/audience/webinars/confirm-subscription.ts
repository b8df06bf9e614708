import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { recordConsent } from '../../crm/index.ts';
import { signWithKey, verifyLink } from '../links.ts';
import { setMembership } from '../lists/index.ts';
import { listMembers } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { hashIp } from '../subscriptions/ip-hash.ts';
import type { WebinarRow } from './webinar-row.ts';

export const SUBSCRIBE_LINK_DAYS = 14;

const hex = (uuid: string) => uuid.replace(/-/g, '');

/**
 * Double opt-in for a webinar's list: the confirmation email carries this link (purpose "confirm", subject = the
 * contact, extra = the webinar) when the registrant ticked the box and the list wants confirmation.
 */
export function subscribeToken(
  key: string,
  webinar: Pick<WebinarRow, 'workspaceId' | 'id'>,
  contactId: string,
  now = new Date(),
) {
  return signWithKey(key, {
    purpose: 'confirm',
    workspaceId: webinar.workspaceId,
    subjectId: contactId,
    extra: Buffer.from(hex(webinar.id), 'hex'),
    expiresAt: new Date(now.getTime() + SUBSCRIBE_LINK_DAYS * 86_400_000),
  });
}

export async function subscribeTokenContact(
  db: DbOrTx,
  token: string,
  webinar: Pick<WebinarRow, 'workspaceId' | 'id'>,
) {
  const claims = await verifyLink(db, token, 'confirm');
  if (!claims || claims.workspaceId !== webinar.workspaceId) return null;
  if (claims.extra.length !== 16 || claims.extra.toString('hex') !== hex(webinar.id)) return null;
  return claims.subjectId;
}

/** Is this registrant's membership of the webinar's list waiting for confirmation? */
export async function pendingOnList(db: DbOrTx, webinar: WebinarRow, contactId: string): Promise<boolean> {
  if (!webinar.listId) return false;
  const [m] = await db
    .select({ status: listMembers.status })
    .from(listMembers)
    .where(
      and(
        eq(listMembers.workspaceId, webinar.workspaceId),
        eq(listMembers.listId, webinar.listId),
        eq(listMembers.contactId, contactId),
      ),
    );
  return m?.status === 'pending';
}

/** The click on the link: pending → subscribed, with the confirmation recorded as consent evidence. */
export async function confirmWebinarSubscription({
  db,
  webinar,
  contactId,
  ip,
  now = new Date(),
}: {
  db: Db;
  webinar: WebinarRow;
  contactId: string;
  ip: string | null;
  now?: Date;
}): Promise<'subscribed' | 'nothing_pending'> {
  if (!webinar.listId) return 'nothing_pending';
  const listId = webinar.listId;
  const settings = await audienceSettingsFor(db, webinar.workspaceId);
  return db.transaction(async (tx) => {
    if (!(await pendingOnList(tx, webinar, contactId))) return 'nothing_pending';
    await setMembership(tx, {
      workspaceId: webinar.workspaceId,
      listId,
      contactId,
      status: 'subscribed',
      confirmed: true,
      source: `webinar: ${webinar.title}`,
      at: now,
    });
    await recordConsent({
      db: tx,
      workspaceId: webinar.workspaceId,
      contactId,
      actorId: null,
      at: now,
      input: {
        channel: 'email',
        status: 'subscribed',
        lawfulBasis: 'consent',
        source: `webinar: ${webinar.title}`,
        evidence: {
          kind: 'double_opt_in',
          webinarId: webinar.id,
          listId,
          at: now.toISOString(),
          ipHash: hashIp(settings.signingKey, ip),
        },
      },
    });
    return 'subscribed';
  });
}
