import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { imports } from '../schema.ts';
import { findImport, type ImportView, toImportView } from './get-import.ts';
import { inspectFile } from './inspect-file.ts';
import type { ImportEncoding } from './sniff.ts';

/**
 * The user overrides the detected encoding or delimiter (the preview looked garbled): the file is read again with
 * their choice, and headers, preview and suggestion are replaced.
 */
export async function updateImportSettings({
  db,
  workspaceId,
  id,
  encoding,
  delimiter,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  encoding?: ImportEncoding | undefined;
  delimiter?: string | undefined;
}): Promise<ImportView> {
  const imp = await findImport({ db, workspaceId, id });
  if (imp.status !== 'uploaded')
    throw new AppError('CONFLICT', `This import is already ${imp.status}; settings can change only before it starts.`);
  const found = await inspectFile({
    db,
    workspaceId,
    entity: imp.entity,
    path: imp.storedPath,
    filename: imp.filename,
    encoding: encoding ?? (imp.encoding as ImportEncoding | null) ?? undefined,
    delimiter: delimiter ?? imp.delimiter ?? undefined,
  });
  const [row] = await db
    .update(imports)
    .set({
      encoding: found.encoding,
      delimiter: found.delimiter,
      headers: found.headers,
      preview: found.preview,
      suggestedMapping: found.suggestedMapping,
    })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'uploaded')))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'This import started meanwhile; settings can change only before it starts.');
  return toImportView(row);
}
