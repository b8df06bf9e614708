import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors.ts';
import type { RecordReader } from './rows.ts';

/** Cell values come typed from exceljs; the importer wants the text a person would see. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r) => cellText((r as { text?: unknown }).text)).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text) || cellText(o.hyperlink);
    if ('error' in o) return '';
    // A shared string the reader never saw (its zip entry was lost): refuse rather than import "[object Object]".
    if ('sharedString' in o) throw new AppError('BAD_REQUEST', 'The workbook could not be read completely; try again.');
  }
  return String(v);
}

/**
 * The first worksheet, streamed with exceljs's WorkbookReader (never the whole workbook in memory; shared strings
 * are cached, as the format requires). The zip was checked by `assertSafeXlsx` at upload.
 *
 * exceljs's single streaming pass over the zip sometimes ends before the last entry (exceljs/exceljs#3064, seen in our
 * CI under load): when that entry is `xl/workbook.xml` — where exceljs's own writer puts it — the reader throws
 * "reading 'sheets'" before any row came out, and reading the file again from the start is safe. A cell that still
 * refers to an unread shared string stops the read (see `cellText`) rather than import a wrong value.
 */
export function readXlsx(filePath: string): RecordReader {
  let bytes = 0;
  let file: fs.ReadStream | null = null;
  const open = () => {
    file?.destroy();
    bytes = 0;
    file = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
    file.on('data', (chunk) => {
      bytes += chunk.length;
    });
    return new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
  };
  async function* records(): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
    let yielded = false;
    try {
      for (let attempt = 1; ; attempt++) {
        const reader = open();
        try {
          for await (const sheet of reader) {
            for await (const row of sheet) {
              const values = row.values;
              const cells: string[] = [];
              if (Array.isArray(values)) {
                // exceljs rows are 1-based sparse arrays.
                for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
              }
              yielded = true;
              yield { rowNumber: row.number, cells };
            }
            break;
          }
          return;
        } catch (err) {
          const lostWorkbookEntry = err instanceof TypeError && err.message.includes("reading 'sheets'");
          if (!lostWorkbookEntry || yielded || attempt >= 3) throw err;
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const msg = err instanceof Error ? err.message : String(err);
      throw new AppError('BAD_REQUEST', `The workbook could not be read: ${msg}`);
    } finally {
      file?.destroy();
    }
  }
  return { records: records(), bytesRead: () => bytes, close: () => file?.destroy() };
}
