import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { stockLocations } from '../../stock/schema.ts';
import { runProductImport } from './run-product-import.ts';
import { startProductImport } from './start-product-import.ts';

/**
 * `freehold import products FILE`: the same use cases as the API, run in this process (no worker), with a progress
 * bar on stderr. Answers the lines to print on stdout: the summary and every rejected row ("row N, column: reason").
 * `location` is a stock location's name or id; quantities in the file then set its on-hand stock.
 */
export async function importProductsFile(opts: {
  db: Db;
  workspaceId: string;
  file: string;
  currency?: string | undefined;
  location?: string | undefined;
}): Promise<{ lines: string[]; ok: boolean }> {
  if (!fs.existsSync(opts.file)) throw new Error(`No such file: ${opts.file}`);
  let locationId: string | undefined;
  if (opts.location) {
    const [loc] = await opts.db
      .select({ id: stockLocations.id })
      .from(stockLocations)
      .where(
        and(
          eq(stockLocations.workspaceId, opts.workspaceId),
          isUuid(opts.location)
            ? eq(stockLocations.id, opts.location)
            : sql`lower(${stockLocations.name}) = lower(${opts.location})`,
        ),
      );
    if (!loc) throw new Error(`No stock location named ${opts.location} in this workspace.`);
    locationId = loc.id;
  }
  const started = await startProductImport({
    db: opts.db,
    workspaceId: opts.workspaceId,
    userId: null,
    filename: path.basename(opts.file),
    text: fs.readFileSync(opts.file, 'utf8'),
    currency: opts.currency,
    locationId,
    enqueue: false,
  });
  process.stderr.write(`Reading ${started.filename}: ${started.layout} layout, ${started.rowsTotal} rows\n`);
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total} rows', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(started.rowsTotal, 0);
  let done: Awaited<ReturnType<typeof runProductImport>>;
  try {
    done = await runProductImport({
      db: opts.db,
      workspaceId: opts.workspaceId,
      importId: started.id,
      onProgress: (p) => bar.update(p.rowsDone),
    });
    bar.update(done.rowsDone);
  } finally {
    bar.stop();
  }
  const lines = [
    `products created ${done.productsCreated}, variants created ${done.variantsCreated}, variants updated ${done.variantsUpdated}, rows rejected ${done.rejected}`,
    ...done.errors.map((e) => `row ${e.row}${e.field ? `, ${e.field}` : ''}: ${e.message}`),
  ];
  if (done.rejected > done.errors.length) lines.push(`… and more: see the import ${done.id} in the app.`);
  if (done.status !== 'done') lines.push(`The import ended ${done.status}: ${done.error ?? ''}`);
  return { lines, ok: done.status === 'done' };
}
