import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../../../platform/errors.ts';

/** The delimiter the header line uses most: comma, semicolon (European Excel) or tab. */
export function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n/) >>> 0 || text.length);
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * The whole file as records (a catalog fits in memory; the import keeps its text in the database). A damaged file
 * (an unclosed quote) is refused with the line, rather than guessing where the next row starts.
 */
export function readCsv(text: string): { headers: string[]; rows: string[][] } {
  const clean = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(clean, {
      delimiter: sniffDelimiter(clean),
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw AppError.validation([
        { field: 'file', message: `the CSV is damaged${line ? ` at line ${line}` : ''}: ${err.message}` },
      ]);
    }
    throw err;
  }
  const [headers, ...rows] = records;
  if (!headers?.some((h) => h.trim())) throw AppError.validation([{ field: 'file', message: 'the file is empty' }]);
  return { headers: headers.map((h) => h.trim()), rows: rows.filter((r) => r.some((c) => c.trim())) };
}
