import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportContactsCsv } from '../../modules/crm/contacts/export-contacts-csv.ts';
import { listCustomFields } from '../../modules/crm/fields/custom-fields.ts';
import { findWorkspaceByName } from '../../modules/identity/index.ts';
import { withDatabase } from '../context.ts';

export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('Export data to CSV')
    .argument('<what>', 'contacts')
    .requiredOption('--workspace <name>', 'workspace name or slug')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--q <search>', 'only contacts matching this search')
    .option('--tags <tags>', 'only contacts with all these comma-separated tags')
    .action(async (what: string, o: { workspace: string; out?: string; q?: string; tags?: string }) => {
      if (what !== 'contacts') throw new Error(`Cannot export "${what}" yet: only contacts.`);
      await withDatabase(async ({ database }) => {
        const db = database.db;
        const ws = await findWorkspaceByName(db, o.workspace);
        const keys = (await listCustomFields({ db, workspaceId: ws.id, entity: 'contact' })).map((f) => f.key);
        const query = {
          sort: 'createdAt' as const,
          ...(o.q ? { q: o.q } : {}),
          ...(o.tags ? { tags: o.tags.split(',').map((t) => t.trim()) } : {}),
        };
        const out = o.out ? fs.createWriteStream(o.out) : process.stdout;
        await pipeline(Readable.from(exportContactsCsv(db, ws.id, query, keys)), out, { end: Boolean(o.out) });
        if (o.out) console.error(`Wrote ${o.out}.`);
      });
    });
}
