import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../../platform/errors.ts';

export type RowSource = {
  /** Data records, numbered as a spreadsheet shows them (with a header, the first data row is row 2). */
  records: AsyncGenerator<{ row: number; cells: string[] }>;
  bytesRead: () => number;
  close: () => void;
};

/** The delimiter the first line uses most: comma, semicolon (European Excel) or tab. */
export async function sniffDelimiter(filePath: string): Promise<string> {
  const fh = await fs.promises.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(16 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    const count = (c: string) => first.split(c).length - 1;
    const best = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1])[0];
    return best && best[1] > 0 ? best[0] : ',';
  } finally {
    await fh.close();
  }
}

/**
 * Streams the records of a UTF-8 delimited file with backpressure (memory stays flat for a 100 MB GeoNames dump).
 * `quotes: false` for formats that never quote (GeoNames): a stray `"` in a place name must not swallow the file.
 */
export function readRows(filePath: string, opts: { delimiter: string; header: boolean; quotes?: boolean }): RowSource {
  let bytes = 0;
  const file = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const parser = parse({
    delimiter: opts.delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: 100_000,
    ...(opts.quotes === false ? { quote: false } : { relax_quotes: true }),
  });
  pipeline(file, counter, parser).catch(() => {
    // Errors surface through the parser's iterator below.
  });
  async function* records(): AsyncGenerator<{ row: number; cells: string[] }> {
    let line = 0;
    try {
      for await (const rec of parser as AsyncIterable<string[]>) {
        line++;
        yield { row: line, cells: rec };
      }
    } catch (err) {
      if (err instanceof CsvError) {
        const at = (err as CsvError & { lines?: number }).lines;
        throw new AppError('BAD_REQUEST', `The file is damaged${at ? ` at line ${at}` : ''}: ${err.message}`);
      }
      throw err;
    } finally {
      file.destroy();
      parser.destroy();
    }
  }
  return { records: records(), bytesRead: () => bytes, close: () => file.destroy() };
}

/** Header names as people write them ("Opening hours", "opening-hours") → `opening_hours`. */
export const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
