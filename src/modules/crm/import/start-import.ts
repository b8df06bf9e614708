import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { type CHANNELS, parseSourceLabel } from '../contracts/common.ts';
import { listCustomFields } from '../fields/custom-fields.ts';
import { normalizeTags } from '../normalize.ts';
import { imports, type SourceTouch } from '../schema.ts';
import type { DedupeMode } from './apply-contact-batch.ts';
import { type ImportView, toImportView } from './get-import.ts';
import { findImportMapping, saveImportMapping } from './import-mappings.ts';
import { importJob } from './jobs.ts';
import { type Mapping, validateMapping } from './mapping.ts';

export type SourceInput =
  | string
  | { channel: (typeof CHANNELS)[number]; name?: string | null; campaign?: string | null; at?: string | undefined };

export type StartImportOptions = {
  db: Db;
  workspaceId: string;
  id: string;
  /** Header → target; without it (and without `mappingName`) the suggested mapping is used. */
  mapping?: Mapping | undefined;
  mappingName?: string | undefined;
  dedupe?: DedupeMode | undefined;
  source?: SourceInput | undefined;
  tags?: string[] | undefined;
  saveMappingAs?: string | undefined;
  /** The CLI runs the import in-process instead of queueing a job. */
  enqueue?: boolean;
};

export function toSourceTouch(input: SourceInput | undefined, filename: string, now: Date): SourceTouch {
  if (input === undefined) return { channel: 'import', name: filename, at: now.toISOString() };
  if (typeof input === 'string') return { ...parseSourceLabel(input), at: now.toISOString() };
  return {
    channel: input.channel,
    name: input.name ?? null,
    campaign: input.campaign ?? null,
    at: input.at ?? now.toISOString(),
  };
}

/**
 * Fixes the import's settings and queues its job in the same transaction: the job exists exactly when the import
 * says `queued`. The job key makes a double click queue one job, not two.
 */
export async function startImport(opts: StartImportOptions): Promise<ImportView> {
  const { db, workspaceId, id } = opts;
  if (opts.mapping && opts.mappingName)
    throw AppError.validation([{ field: 'mappingName', message: 'give either a mapping or a saved mapping name' }]);
  return db.transaction(async (tx) => {
    const where = and(eq(imports.workspaceId, workspaceId), eq(imports.id, id));
    const [imp] = await tx.select().from(imports).where(where).for('update');
    if (!imp) throw AppError.notFound('Import');
    if (imp.status !== 'uploaded') throw new AppError('CONFLICT', `This import is already ${imp.status}.`);
    const custom = await listCustomFields({ db: tx, workspaceId, entity: imp.entity });
    let mapping: Mapping;
    if (opts.mapping) {
      mapping = validateMapping(opts.mapping, imp.headers, imp.entity, custom, { strict: true });
    } else if (opts.mappingName) {
      const saved = await findImportMapping({ db: tx, workspaceId, name: opts.mappingName });
      if (saved.entity !== imp.entity)
        throw AppError.validation([
          { field: 'mappingName', message: `"${saved.name}" maps ${saved.entity}s, this import is of ${imp.entity}s` },
        ]);
      mapping = validateMapping(saved.mapping, imp.headers, imp.entity, custom, {
        strict: false,
        field: 'mappingName',
      });
    } else {
      mapping = validateMapping(imp.suggestedMapping, imp.headers, imp.entity, custom, { strict: false });
    }
    if (opts.saveMappingAs)
      await saveImportMapping({ db: tx, workspaceId, name: opts.saveMappingAs, entity: imp.entity, mapping });
    const [row] = await tx
      .update(imports)
      .set({
        mapping,
        dedupe: opts.dedupe ?? 'update',
        source: toSourceTouch(opts.source, imp.filename, new Date()),
        tags: normalizeTags(opts.tags ?? []),
        status: 'queued',
      })
      .where(where)
      .returning();
    if (opts.enqueue !== false) await addJob(tx, importJob, { workspaceId, importId: id }, { jobKey: `import:${id}` });
    return toImportView(row!);
  });
}
