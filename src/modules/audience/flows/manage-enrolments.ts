import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { enrolContact } from './enrol-contact.ts';
import { getFlowRow } from './flow-row.ts';
import { getEnrolment } from './list-enrolments.ts';
import { exitEnrolment } from './run-step.ts';

/** Enrols one contact by hand. The re-entry rule applies as to any trigger; a refusal says why. */
export async function enrolManually({
  db,
  workspaceId,
  flowId,
  contactId,
  actorId,
}: {
  db: Db;
  workspaceId: string;
  flowId: string;
  contactId: string;
  actorId: string | null;
}) {
  const flow = await getFlowRow(db, workspaceId, flowId);
  if (flow.status !== 'active') throw new AppError('CONFLICT', 'Activate the flow before enrolling contacts.');
  const r = await enrolContact(db, {
    workspaceId,
    flow,
    contactId,
    triggerKey: null,
    triggerData: { event: 'manual', actorId },
  });
  if (!r.enrolled) {
    if (r.reason === 'no such contact')
      throw AppError.validation([{ field: 'contactId', message: 'no such contact in this workspace' }]);
    throw new AppError('CONFLICT', `Not enrolled: ${r.reason}.`, [{ field: 'contactId', message: r.reason }]);
  }
  return getEnrolment({ db, workspaceId, flowId, enrolmentId: r.enrolmentId });
}

/** Takes a contact out of a flow now; its queued step finds it gone. */
export async function exitManually({
  db,
  workspaceId,
  flowId,
  enrolmentId,
  actorId,
}: {
  db: Db;
  workspaceId: string;
  flowId: string;
  enrolmentId: string;
  actorId: string | null;
}) {
  const enrolment = await getEnrolment({ db, workspaceId, flowId, enrolmentId });
  if (enrolment.status !== 'active' && enrolment.status !== 'waiting')
    throw new AppError('CONFLICT', `This enrolment is already ${enrolment.status}.`);
  await exitEnrolment(db, { workspaceId, enrolmentId }, actorId ? 'taken out by a user' : 'taken out through the API');
}
