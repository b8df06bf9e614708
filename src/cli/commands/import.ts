import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { crmImport } from '../../modules/crm/index.ts';
import { findWorkspaceByName } from '../../modules/identity/index.ts';
import { withDatabase } from '../context.ts';

type ImportCliOptions = {
  workspace: string;
  source?: string;
  mapping?: string;
  dedupe: string;
  tags?: string;
  encoding?: string;
  delimiter?: string;
};

/**
 * `freehold import contacts|companies FILE`: the same use cases as the API, run in this process (no worker), with a
 * progress bar on stderr and the summary on stdout, so scripts can read it.
 */
export function registerImportCommands(program: Command): void {
  const cmd = program.command('import').description('Import contacts or companies from CSV, vCard (.vcf) or XLSX');
  for (const [name, entity] of [
    ['contacts', 'contact'],
    ['companies', 'company'],
  ] as const) {
    cmd
      .command(`${name} <file>`)
      .description(`Import ${name}; rejected rows are written to <file>.rejects.csv in the current folder`)
      .requiredOption('--workspace <name>', 'workspace name or slug')
      .option('--source <label>', 'where they come from, e.g. "Trade show: Canton Fair 2026" (default: the file)')
      .option('--mapping <name>', 'a saved mapping (default: the suggested mapping)')
      .option('--dedupe <mode>', 'update | skip | create', 'update')
      .option('--tags <tags>', 'comma-separated tags to add to every row')
      .option('--encoding <encoding>', 'text encoding, e.g. windows-1251 (default: detected)')
      .option('--delimiter <char>', 'CSV delimiter: , ; | or tab (default: detected)')
      .action(async (file: string, o: ImportCliOptions) => {
        await importFile(file, entity, o);
      });
  }
}

async function importFile(file: string, entity: 'contact' | 'company', o: ImportCliOptions): Promise<void> {
  const dedupe = crmImport.ZDedupeMode.parse(o.dedupe);
  const encoding = o.encoding ? crmImport.ZEncoding.parse(o.encoding) : undefined;
  const delimiter = o.delimiter ? crmImport.ZDelimiter.parse(o.delimiter) : undefined;
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  await withDatabase(async ({ config, database }) => {
    const db = database.db;
    const ws = await findWorkspaceByName(db, o.workspace);
    const uploaded = await crmImport.uploadImport({
      db,
      dataDir: config.dataDir,
      workspaceId: ws.id,
      userId: null,
      entity,
      filename: path.basename(file),
      stream: fs.createReadStream(file),
      encoding,
      delimiter,
    });
    const started = await crmImport.startImport({
      db,
      workspaceId: ws.id,
      id: uploaded.id,
      mappingName: o.mapping,
      dedupe,
      source: o.source,
      tags: o.tags?.split(',').map((t) => t.trim()),
      enqueue: false,
    });
    const how = [uploaded.format, uploaded.encoding, uploaded.delimiter === '\t' ? 'tab' : uploaded.delimiter];
    process.stderr.write(`Reading ${path.basename(file)} (${how.filter(Boolean).join(', ')})\n`);
    for (const header of started.headers) {
      const target = started.mapping?.[header];
      if (target) process.stderr.write(`  ${header} → ${target}\n`);
    }

    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const t0 = performance.now();
    bar.start(uploaded.sizeBytes, 0, { rows: 0, rate: 0 });
    const onProgress = (p: crmImport.ImportProgress) =>
      bar.update(p.bytesDone, { rows: p.rowsDone, rate: Math.round(p.rowsDone / ((performance.now() - t0) / 1000)) });
    let outcome: Awaited<ReturnType<typeof crmImport.runImport>>;
    try {
      outcome = await crmImport.runImport({ db, workspaceId: ws.id, importId: uploaded.id, onProgress });
      onProgress(outcome);
    } finally {
      bar.stop();
    }

    console.log(
      `created ${outcome.created}, updated ${outcome.updated}, skipped ${outcome.skipped}, rejected ${outcome.rejected}`,
    );
    if (outcome.rejected > 0) {
      const report = await crmImport.openRejectsReport({ db, workspaceId: ws.id, id: uploaded.id });
      const out = path.resolve(`${path.basename(file)}.rejects.csv`);
      await pipeline(report.lines, fs.createWriteStream(out));
      console.log(`Rejected rows and reasons: ${out}`);
    }
    if (outcome.status !== 'done') throw new Error(outcome.error ?? `The import ended ${outcome.status}.`);
  });
}
