import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { mapPointHeader, POINT_COLUMNS_CSV, readPointRow } from './point-csv.ts';
import type { PointValues } from './prepare-point.ts';
import { readRows, sniffDelimiter } from './read-rows.ts';
import type { BatchCommitter, BatchResult } from './run-pickup-import.ts';
import { type pickupImports, pickupPoints, type RowError } from './schema.ts';

type Item = { row: number; values: PointValues } | { row: number; errors: RowError[] };

/**
 * Reads a pickup-point CSV and writes it batch by batch through `commit`. A point with a code updates the point of
 * the workspace with that code (so a partner list can be imported again); one without is created.
 */
export async function importPointRows(opts: {
  imp: typeof pickupImports.$inferSelect;
  batchSize: number;
  currency: string;
  commit: BatchCommitter;
}): Promise<'ok' | 'stopped'> {
  const { imp } = opts;
  const src = readRows(imp.storedPath, { delimiter: await sniffDelimiter(imp.storedPath), header: true });
  try {
    const first = await src.records.next();
    if (first.done) throw new AppError('VALIDATION', 'The file is empty: it needs a header row and one row per point.');
    const header = mapPointHeader(first.value.cells);
    if (header.missing.length) {
      const names = header.missing.map((c) => `${c} (or ${POINT_COLUMNS_CSV[c].slice(1).join(', ') || '—'})`);
      throw new AppError(
        'VALIDATION',
        `The header has no column for ${names.join('; ')}. Columns found: ${first.value.cells.join(', ')}.`,
        header.missing.map((c) => ({ field: c, message: 'column is missing' })),
      );
    }
    // Codes already used by an earlier row of this run: a second row with the same code is a mistake in the file,
    // not an update (which one would win would depend on the batch size).
    const seen = new Map<string, number>();
    let skip = imp.rowsDone;
    let batch: Item[] = [];
    for await (const rec of src.records) {
      if (skip > 0) {
        skip--;
        const code = header.map.code !== undefined ? (rec.cells[header.map.code] ?? '').trim() : '';
        if (code && !seen.has(code)) seen.set(code, rec.row);
        continue;
      }
      if (rec.cells.every((c) => !c.trim())) {
        batch.push({ row: rec.row, errors: [] });
      } else {
        const r = readPointRow(header.map, rec.cells, rec.row, { currency: opts.currency });
        if (!r.ok) batch.push({ row: rec.row, errors: r.errors });
        else {
          const code = r.values.code;
          const earlier = code ? seen.get(code) : undefined;
          if (code && earlier !== undefined)
            batch.push({
              row: rec.row,
              errors: [{ row: rec.row, column: 'code', message: `"${code}" is already used by row ${earlier}` }],
            });
          else {
            if (code) seen.set(code, rec.row);
            batch.push({ row: rec.row, values: r.values });
          }
        }
      }
      if (batch.length >= opts.batchSize) {
        const items = batch;
        batch = [];
        if ((await opts.commit(src.bytesRead(), (tx) => writeBatch(tx, imp.workspaceId, items))) === 'stopped')
          return 'stopped';
      }
    }
    if (batch.length) {
      const items = batch;
      if ((await opts.commit(imp.sizeBytes, (tx) => writeBatch(tx, imp.workspaceId, items))) === 'stopped')
        return 'stopped';
    }
    return 'ok';
  } finally {
    src.close();
  }
}

/** Columns an import row overwrites on the point with the same code (all it carries, bar the code itself). */
const UPDATED = [
  'kind',
  'name',
  'partner',
  'carrier',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postcode',
  'country',
  'lat',
  'lng',
  'timezone',
  'hours',
  'hoursExceptions',
  'capabilities',
  'capacityPerDay',
  'feeMinor',
  'currency',
  'instructions',
  'active',
] as const satisfies readonly (keyof PointValues)[];

async function writeBatch(tx: Tx, workspaceId: string, items: Item[]): Promise<BatchResult> {
  const ok = items.flatMap((i) => ('values' in i ? [i.values] : []));
  const errors = items.flatMap((i) => ('errors' in i ? i.errors : []));
  let created = 0;
  let updated = 0;
  const withCode = ok.filter((v) => v.code);
  const withoutCode = ok.filter((v) => !v.code);
  if (withCode.length) {
    const set = Object.fromEntries(UPDATED.map((k) => [k, sql.raw(`excluded.${pickupPoints[k].name}`)]));
    const r = await tx
      .insert(pickupPoints)
      .values(withCode.map((v) => ({ workspaceId, id: newId(), ...v })))
      .onConflictDoUpdate({
        target: [pickupPoints.workspaceId, pickupPoints.code],
        targetWhere: sql`code is not null`,
        set: { ...set, updatedAt: sql`now()` },
      })
      // xmax is 0 on a freshly inserted row version and set on one an upsert updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += r.filter((x) => x.inserted).length;
    updated += r.length - r.filter((x) => x.inserted).length;
  }
  if (withoutCode.length) {
    await tx.insert(pickupPoints).values(withoutCode.map((v) => ({ workspaceId, id: newId(), ...v })));
    created += withoutCode.length;
  }
  return {
    rows: items.length,
    created,
    updated,
    skipped: items.filter((i) => 'errors' in i && !i.errors.length).length,
    errors,
  };
}
