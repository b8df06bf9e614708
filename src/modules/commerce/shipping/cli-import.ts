import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { findOrCreateCarrier } from './carrier-use-cases.ts';
import { importRateCard } from './import-rate-card.ts';

/** Spreadsheet exports are UTF-8 or, from older Excel, Windows-1252: the first is tried strictly, then the second. */
function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'win1252');
  }
}

/**
 * `freehold import rate-card FILE --carrier NAME`: the carrier is found by name (created when new), the file imported
 * as its next version through the same use case as the API. Answers the lines to print: a summary on success; on a
 * refused file an Error listing every problem as "line N, column: message".
 */
export async function importRateCardFile(opts: {
  db: Db;
  workspaceId: string;
  file: string;
  carrier: string;
  dryRun?: boolean;
}) {
  if (!fs.existsSync(opts.file)) throw new Error(`No such file: ${opts.file}`);
  const csv = decode(fs.readFileSync(opts.file));
  const { carrier, created } = await findOrCreateCarrier({
    db: opts.db,
    workspaceId: opts.workspaceId,
    name: opts.carrier,
  });
  try {
    const r = await importRateCard({
      db: opts.db,
      workspaceId: opts.workspaceId,
      carrierId: carrier.id,
      userId: null,
      csv,
      filename: path.basename(opts.file),
      dryRun: opts.dryRun,
    });
    const out: string[] = [];
    if (created) out.push(`Created carrier ${carrier.name}.`);
    out.push(
      r.rateCard
        ? `${carrier.name}: version ${r.rateCard.version} is active (${r.rateCard.serviceCount} services, ${r.rateCard.zoneCount} zones, ${r.rateCard.currency}).`
        : `${carrier.name}: the file is valid (dry run, nothing stored).`,
    );
    if (r.servicesCreated.length) out.push(`New services: ${r.servicesCreated.join(', ')}.`);
    for (const w of r.warnings) out.push(`warning: line ${w.line}${w.column ? `, ${w.column}` : ''}: ${w.message}`);
    return out;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') {
      const lines = err.fields.map((f) => {
        const m = /^row\.(\d+)(?:\.(.+))?$/.exec(f.field);
        return m ? `  line ${m[1]}${m[2] ? `, ${m[2]}` : ''}: ${f.message}` : `  ${f.field}: ${f.message}`;
      });
      throw new Error(
        `${path.basename(opts.file)} was not imported (the active version is unchanged):\n${lines.join('\n')}`,
      );
    }
    throw err;
  }
}
