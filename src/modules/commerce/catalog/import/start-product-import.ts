import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { newId } from '../../../../platform/ids.ts';
import { addJob } from '../../../../platform/jobs/queue.ts';
import { getWorkspaceInfo } from '../../../identity/index.ts';
import { stockLocations } from '../../stock/schema.ts';
import { commerceProductImports } from '../schema.ts';
import type { TProductImport } from './contracts.ts';
import { productImportJob } from './jobs.ts';
import { detectLayout, missingColumns } from './layout.ts';
import { isCurrency } from './money.ts';
import { toProductImport } from './product-imports.ts';
import { readCsv } from './read-csv.ts';

/**
 * Checks the file's header (its layout and required columns), stores the file with the import and queues the job
 * that runs it. `enqueue: false` leaves the run to the caller (the CLI runs it in its own process).
 */
export async function startProductImport({
  db,
  workspaceId,
  userId,
  filename,
  text,
  currency,
  locationId,
  enqueue = true,
}: {
  db: Db;
  workspaceId: string;
  userId: string | null;
  filename: string;
  text: string;
  currency?: string | undefined;
  locationId?: string | undefined;
  enqueue?: boolean;
}): Promise<TProductImport> {
  const { headers, rows } = readCsv(text);
  const layout = detectLayout(headers);
  const missing = missingColumns(layout, headers);
  if (missing.length)
    throw AppError.validation([
      { field: 'file', message: `the header lacks ${missing.join(', ')} (found: ${headers.join(', ').slice(0, 300)})` },
    ]);
  const ws = await getWorkspaceInfo(db, workspaceId);
  const cur = currency ?? ws?.defaultCurrency ?? 'EUR';
  if (!isCurrency(cur))
    throw AppError.validation([{ field: 'currency', message: `${cur} is not an ISO 4217 currency` }]);
  if (locationId) {
    const [loc] = await db
      .select({ tracksLevels: stockLocations.tracksLevels })
      .from(stockLocations)
      .where(and(eq(stockLocations.workspaceId, workspaceId), eq(stockLocations.id, locationId)));
    if (!loc?.tracksLevels)
      throw AppError.validation([{ field: 'locationId', message: 'is not a stock location with counted levels' }]);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(commerceProductImports)
      .values({
        workspaceId,
        id: newId(),
        filename: filename.replaceAll('\\', '/').split('/').pop()?.slice(0, 255) || 'products.csv',
        layout,
        content: text,
        currency: cur,
        locationId: locationId ?? null,
        rowsTotal: rows.length,
        createdBy: userId,
      })
      .returning();
    if (enqueue) await addJob(tx, productImportJob, { workspaceId, importId: row!.id }, { jobKey: `pi:${row!.id}` });
    return toProductImport(row!);
  });
}
