import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Db } from '../../../platform/db/client.ts';
import type { TPickupImport } from './contracts.ts';
import { ZCountry } from './contracts.ts';
import { runPickupImport } from './run-pickup-import.ts';
import { type PostcodeFormat, uploadPickupImport } from './upload-pickup-import.ts';

/**
 * `freehold import pickup-points FILE` and `freehold import postcodes FILE --country XX`: the same upload and run as
 * the API, in this process (no worker), with a progress bar on stderr. Answers the summary lines for stdout; throws
 * when the import failed, after the lines naming the rejected rows.
 */
export async function importPickupFile(opts: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  file: string;
  kind: 'points' | 'postcodes';
  country?: string | undefined;
  format?: string | undefined;
}): Promise<string[]> {
  if (!fs.existsSync(opts.file)) throw new Error(`No such file: ${opts.file}`);
  const country = opts.country ? ZCountry.parse(opts.country) : undefined;
  if (opts.format && opts.format !== 'csv' && opts.format !== 'geonames')
    throw new Error(`--format must be csv or geonames, not "${opts.format}"`);
  const imp = await uploadPickupImport({
    db: opts.db,
    dataDir: opts.dataDir,
    workspaceId: opts.workspaceId,
    userId: null,
    kind: opts.kind,
    format: opts.format as PostcodeFormat | undefined,
    country,
    filename: path.basename(opts.file),
    stream: fs.createReadStream(opts.file),
    enqueue: false,
  });
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {rows} rows', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(imp.sizeBytes, 0, { rows: 0 });
  let done: TPickupImport;
  try {
    done = await runPickupImport({
      db: opts.db,
      workspaceId: opts.workspaceId,
      importId: imp.id,
      onProgress: (p) => bar.update(p.bytesDone, { rows: p.rowsDone }),
    });
    bar.update(done.bytesDone, { rows: done.rowsDone });
  } finally {
    bar.stop();
  }
  const lines = [
    `${done.format} ${opts.kind}: ${done.rowsDone} rows — created ${done.created}, updated ${done.updated}, ` +
      `rejected ${done.rejected}${done.skipped ? `, skipped ${done.skipped} (other countries)` : ''}`,
    ...done.errors.map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`),
  ];
  if (done.rejected > done.errors.length) lines.push(`  … and ${done.rejected - done.errors.length} more rows`);
  if (done.status !== 'done') {
    for (const l of lines) console.log(l);
    throw new Error(done.error ?? `The import ended ${done.status}.`);
  }
  return lines;
}
