import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { getCompany } from '../companies/company-use-cases.ts';
import { toContact } from '../contacts/serialize.ts';
import { toDeal } from '../deals/deal-row.ts';
import {
  consentEvents,
  deals,
  importRejects,
  imports,
  pipelineStages,
  privacyLog,
  tasks,
  timelineEntries,
} from '../schema.ts';
import { toTask } from '../tasks/task-row.ts';
import { identifiers, mentionsAny, personRecords } from './privacy-scope.ts';

/**
 * Everything held about one person (right of access, GDPR art. 15), as one JSON document. The request itself is
 * logged in privacy_log, with counts only.
 */
export async function exportContact({
  db,
  workspaceId,
  actorId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
}) {
  return db.transaction(async (tx) => {
    const { main, merged, ids } = await personRecords(tx, workspaceId, id);
    const mine = uuidArray(ids);
    // A company deleted since leaves a dangling id: the export says "no company" rather than failing.
    const company = main.companyId
      ? await getCompany({ db: tx, workspaceId, id: main.companyId }).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
          throw e;
        })
      : null;
    const consent = await tx
      .select({
        id: consentEvents.id,
        channel: consentEvents.channel,
        status: consentEvents.status,
        lawfulBasis: consentEvents.lawfulBasis,
        source: consentEvents.source,
        evidence: consentEvents.evidence,
        at: consentEvents.at,
      })
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, workspaceId), sql`${consentEvents.contactId} = any(${mine})`))
      .orderBy(desc(consentEvents.at), desc(consentEvents.id));
    const timeline = await tx
      .select({
        id: timelineEntries.id,
        contactId: timelineEntries.contactId,
        companyId: timelineEntries.companyId,
        dealId: timelineEntries.dealId,
        kind: timelineEntries.kind,
        module: timelineEntries.module,
        at: timelineEntries.at,
        actorId: timelineEntries.actorId,
        data: timelineEntries.data,
      })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, workspaceId), sql`${timelineEntries.contactId} = any(${mine})`))
      .orderBy(desc(timelineEntries.at), desc(timelineEntries.id));
    const taskRows = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, workspaceId), sql`${tasks.contactId} = any(${mine})`))
      .orderBy(tasks.id);
    const dealRows = await tx
      .select({ deal: deals, kind: pipelineStages.kind })
      .from(deals)
      .innerJoin(
        pipelineStages,
        and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)),
      )
      .where(and(eq(deals.workspaceId, workspaceId), sql`${deals.contactId} = any(${mine})`))
      .orderBy(deals.id);
    const importIds = [
      ...new Set(timeline.filter((e) => e.kind === 'import').map((e) => String(e.data.importId ?? ''))),
    ].filter(Boolean);
    const importRows = importIds.length
      ? await tx
          .select({ id: imports.id, filename: imports.filename })
          .from(imports)
          .where(and(eq(imports.workspaceId, workspaceId), sql`${imports.id} = any(${uuidArray(importIds)})`))
      : [];
    const rejects = await tx
      .select({
        importId: importRejects.importId,
        rowNumber: importRejects.rowNumber,
        raw: importRejects.raw,
        reason: importRejects.reason,
      })
      .from(importRejects)
      .where(and(eq(importRejects.workspaceId, workspaceId), mentionsAny(identifiers([main, ...merged]))));
    const log = await tx
      .select({ action: privacyLog.action, at: privacyLog.at, actorId: privacyLog.actorId })
      .from(privacyLog)
      .where(and(eq(privacyLog.workspaceId, workspaceId), sql`${privacyLog.contactId} = any(${mine})`))
      .orderBy(privacyLog.at);
    const doc = {
      exportedAt: new Date(),
      contact: toContact(main),
      company,
      consent,
      timeline,
      tasks: taskRows.map(toTask),
      deals: dealRows.map((r) => toDeal(r.deal, r.kind)),
      mergedContacts: merged.map(toContact),
      imports: timeline
        .filter((e) => e.kind === 'import' && e.data.importId)
        .map((e) => ({
          importId: String(e.data.importId),
          filename: importRows.find((i) => i.id === e.data.importId)?.filename ?? null,
          at: e.at,
          action: typeof e.data.action === 'string' ? e.data.action : null,
        })),
      importRejects: rejects,
      privacyLog: log,
    };
    await tx.insert(privacyLog).values({
      workspaceId,
      id: newId(),
      contactId: id,
      action: 'export',
      actorId,
      details: {
        counts: {
          contacts: ids.length,
          timelineEntries: timeline.length,
          consentEvents: consent.length,
          tasks: taskRows.length,
          deals: dealRows.length,
          importRejects: rejects.length,
        },
      },
    });
    return doc;
  });
}
