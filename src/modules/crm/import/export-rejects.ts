import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { importRejects } from '../schema.ts';
import { findImport } from './get-import.ts';

const PAGE = 2000;

/**
 * Quotes per RFC 4180, and defuses cells a spreadsheet would run as formulas (OWASP "CSV injection"): the report is
 * made of untrusted uploaded data and is meant to be opened in Excel. Phone-like values keep their sign.
 */
export function csvCell(v: string): string {
  let s = v;
  if (/^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-][\d\s()./-]*$/.test(s))) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The rejected rows of an import as CSV: row number, reason, then the row as it was in the file (so it can be fixed
 * and imported again). Read page by page, so a million rejects never sit in memory.
 */
export async function openRejectsReport({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const imp = await findImport({ db, workspaceId, id });
  const headers = imp.headers;
  async function* lines(): AsyncGenerator<string> {
    // A BOM makes Excel read the report as UTF-8.
    yield `\uFEFF${line(['row', 'reason', ...headers])}`;
    let after = 0;
    for (;;) {
      const page = await db
        .select({ rowNumber: importRejects.rowNumber, raw: importRejects.raw, reason: importRejects.reason })
        .from(importRejects)
        .where(
          and(
            eq(importRejects.workspaceId, workspaceId),
            eq(importRejects.importId, id),
            gt(importRejects.rowNumber, after),
          ),
        )
        .orderBy(asc(importRejects.rowNumber))
        .limit(PAGE);
      let chunk = '';
      for (const r of page) {
        const raw: Record<string, string> = Array.isArray(r.raw)
          ? Object.fromEntries(r.raw.map((v, i) => [headers[i] ?? `Column ${i + 1}`, v]))
          : r.raw;
        const extra = Object.keys(raw).filter((k) => !headers.includes(k));
        const cells = [String(r.rowNumber), r.reason, ...headers.map((h) => raw[h] ?? '')];
        if (extra.length) cells.push(...extra.map((k) => raw[k] ?? ''));
        chunk += line(cells);
      }
      if (chunk) yield chunk;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.rowNumber;
    }
  }
  const base = imp.filename.replace(/\.[^.]+$/, '') || 'import';
  return { filename: `${base}.rejects.csv`, lines: lines() };
}
