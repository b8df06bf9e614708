import { readCsv } from './read-csv.ts';
import { readVcard, VCARD_HEADERS } from './read-vcard.ts';
import { readXlsx } from './read-xlsx.ts';
import type { ImportEncoding, ImportFormat } from './sniff.ts';

export type SourceRecord = { rowNumber: number; cells: string[] };

/** What each format reader gives: records in file order, how far into the file it has read, and a way to stop. */
export type RecordReader = {
  records: AsyncGenerator<SourceRecord>;
  bytesRead: () => number;
  close: () => void;
};

export type FileSpec = {
  path: string;
  format: ImportFormat;
  encoding: ImportEncoding | null;
  delimiter: string | null;
};

/** Rows after the header, with the header already read. `headers` are unique and never empty. */
export type RowSource = RecordReader & { headers: string[] };

export const PREVIEW_ROWS = 20;

/**
 * Mappings are keyed by header, so headers must be unique and non-empty: a blank one becomes "Column 3", a repeated
 * "Phone" becomes "Phone (2)".
 */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = h.replace(/\s+/g, ' ').trim().slice(0, 200) || `Column ${i + 1}`;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) name = `${name} (${n})`;
    return name;
  });
}

function openReader(spec: FileSpec): RecordReader {
  if (spec.format === 'xlsx') return readXlsx(spec.path);
  if (spec.format === 'vcard') return readVcard(spec.path, spec.encoding ?? 'utf-8');
  return readCsv(spec.path, spec.encoding ?? 'utf-8', spec.delimiter ?? ',');
}

export async function openRowSource(spec: FileSpec): Promise<RowSource> {
  const reader = openReader(spec);
  if (spec.format === 'vcard') return { ...reader, headers: [...VCARD_HEADERS] };
  let headerCells: string[] = [];
  // Leading blank lines are not the header.
  for (;;) {
    const first = await reader.records.next();
    if (first.done) break;
    if (first.value.cells.some((c) => c.trim())) {
      headerCells = first.value.cells;
      break;
    }
  }
  return { ...reader, headers: uniqueHeaders(headerCells) };
}

/** The header and the first rows, for the mapping screen. */
export async function readPreview(spec: FileSpec): Promise<{ headers: string[]; rows: string[][] }> {
  const src = await openRowSource(spec);
  const rows: string[][] = [];
  try {
    while (rows.length < PREVIEW_ROWS) {
      const r = await src.records.next();
      if (r.done) break;
      rows.push(r.value.cells.map((c) => c.slice(0, 500)));
    }
  } finally {
    await src.records.return(undefined);
    src.close();
  }
  return { headers: src.headers, rows };
}
