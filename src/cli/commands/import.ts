import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importProductsFile } from '../../modules/commerce/catalog/import/cli-import.ts';
import { importOrdersFile } from '../../modules/commerce/ingest/cli-import.ts';
import { importPickupFile } from '../../modules/commerce/pickup/cli-import.ts';
import { importRateCardFile } from '../../modules/commerce/shipping/cli-import.ts';
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
  const cmd = program
    .command('import')
    .description('Import contacts, companies, products, orders, rate cards, pickup points or postcodes');
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
  cmd
    .command('products <file>')
    .description(
      'Import products, one row per variant: Freehold columns or a Shopify export (docs/commerce/catalog.md)',
    )
    .requiredOption('--workspace <name>', 'workspace name or slug')
    .option('--currency <code>', "currency of price columns without their own (default: the workspace's)")
    .option('--location <name>', 'a stock location whose on-hand stock the quantity column sets')
    .action(async (file: string, o: { workspace: string; currency?: string; location?: string }) => {
      await withDatabase(async ({ database }) => {
        const ws = await findWorkspaceByName(database.db, o.workspace);
        const r = await importProductsFile({ db: database.db, workspaceId: ws.id, file, ...o });
        for (const line of r.lines) console.log(line);
        if (!r.ok) process.exitCode = 1;
      });
    });
  cmd
    .command('rate-card <file>')
    .description("Import a carrier's rate card CSV as its next version (docs/commerce/shipping.md); all or nothing")
    .requiredOption('--workspace <name>', 'workspace name or slug')
    .requiredOption('--carrier <name>', 'the carrier (created when there is none of that name)')
    .option('--dry-run', 'only check the file')
    .action(async (file: string, o: { workspace: string; carrier: string; dryRun?: boolean }) => {
      await withDatabase(async ({ database }) => {
        const ws = await findWorkspaceByName(database.db, o.workspace);
        const lines = await importRateCardFile({
          db: database.db,
          workspaceId: ws.id,
          file,
          carrier: o.carrier,
          dryRun: o.dryRun,
        });
        for (const line of lines) console.log(line);
      });
    });
  cmd
    .command('orders <file>')
    .description('Import orders from a Shopify or WooCommerce export, or the Freehold layout (docs/commerce/ingest.md)')
    .requiredOption('--workspace <name>', 'workspace name or slug')
    .option('--format <format>', 'shopify | woocommerce | csv (default: detected from the header)')
    .option('--shop-domain <host>', "WooCommerce: the shop's host, e.g. shop.example.com")
    .option('--storefront <name>', 'WooCommerce: a storefront connection whose shop host to use')
    .option('--encoding <encoding>', 'text encoding, e.g. windows-1252 (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter: , ; | or tab (default: detected)')
    .action(
      async (
        file: string,
        o: {
          workspace: string;
          format?: string;
          shopDomain?: string;
          storefront?: string;
          encoding?: string;
          delimiter?: string;
        },
      ) => {
        await withDatabase(async ({ config, database }) => {
          const ws = await findWorkspaceByName(database.db, o.workspace);
          const lines = await importOrdersFile({
            db: database.db,
            dataDir: config.dataDir,
            workspaceId: ws.id,
            file,
            ...o,
          });
          for (const line of lines) console.log(line);
        });
      },
    );
  for (const [name, kind, what] of [
    [
      'pickup-points',
      'points',
      'pickup points from CSV (columns: docs/commerce/pickup-points.md); by code, again = update',
    ],
    ['postcodes', 'postcodes', 'postcode centroids from CSV or a GeoNames postal-code dump (.txt)'],
  ] as const) {
    cmd
      .command(`${name} <file>`)
      .description(`Import ${what}`)
      .requiredOption('--workspace <name>', 'workspace name or slug')
      .option('--country <code>', "postcodes: keep only this country's rows (or the country of every row)")
      .option('--format <format>', 'postcodes: csv | geonames (default: geonames for .txt files)')
      .action(async (file: string, o: { workspace: string; country?: string; format?: string }) => {
        await withDatabase(async ({ config, database }) => {
          const ws = await findWorkspaceByName(database.db, o.workspace);
          const lines = await importPickupFile({
            db: database.db,
            dataDir: config.dataDir,
            workspaceId: ws.id,
            file,
            kind,
            ...o,
          });
          for (const line of lines) console.log(line);
        });
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
