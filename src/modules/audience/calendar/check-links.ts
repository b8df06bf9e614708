import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { listMembers } from '../../identity/index.ts';
import { campaigns } from '../campaigns/schema.ts';
import { webinars } from '../webinars/schema.ts';

/**
 * Every id an item points at must exist in this workspace; one error per bad field. An id of another workspace reads
 * exactly like a missing one.
 */
export async function checkItemLinks(
  db: DbOrTx,
  workspaceId: string,
  input: {
    ownerId?: string | null | undefined;
    webinarId?: string | null | undefined;
    campaignId?: string | null | undefined;
  },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.ownerId) {
    const members = await listMembers({ db, workspaceId });
    if (!members.some((m) => m.userId === input.ownerId))
      errors.push({ field: 'ownerId', message: 'is not a member of this workspace' });
  }
  if (input.webinarId) {
    const [w] = await db
      .select({ id: webinars.id })
      .from(webinars)
      .where(and(eq(webinars.workspaceId, workspaceId), eq(webinars.id, input.webinarId)));
    if (!w) errors.push({ field: 'webinarId', message: 'no such webinar in this workspace' });
  }
  if (input.campaignId) {
    const [c] = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, input.campaignId)));
    if (!c) errors.push({ field: 'campaignId', message: 'no such campaign in this workspace' });
  }
  return errors;
}
