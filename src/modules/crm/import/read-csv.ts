import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../../platform/errors.ts';
import type { RecordReader } from './rows.ts';
import type { ImportEncoding } from './sniff.ts';

/** One record above this many characters means an unclosed quote swallowing the file, not a real row. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Streams records: file → iconv-lite decode → csv-parse, with backpressure all the way, so memory stays flat
 * whatever the file size. Structural damage (an unclosed quote) stops the import with the line number rather than
 * guessing where the next row starts.
 */
export function readCsv(filePath: string, encoding: ImportEncoding, delimiter: string): RecordReader {
  const file = fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  file.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(file, iconv.decodeStream(encoding, { stripBOM: true }), parser, () => {
    // Errors surface through the parser's iterator below.
  });
  let first = true;
  let recordNo = 0;
  async function* records(): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
    try {
      for await (const rec of parser as AsyncIterable<string[]>) {
        // Excel writes a `sep=;` line first when asked to; it is an instruction, not data.
        if (first && rec.length <= 2 && /^sep=.?$/i.test(rec[0] ?? '') && !rec[1]) {
          first = false;
          continue;
        }
        first = false;
        // Numbered as a spreadsheet shows them: the header is row 1.
        yield { rowNumber: ++recordNo, cells: rec };
      }
    } catch (err) {
      if (err instanceof CsvError) {
        const line = (err as CsvError & { lines?: number }).lines;
        throw new AppError('BAD_REQUEST', `The CSV is damaged${line ? ` at line ${line}` : ''}: ${err.message}`);
      }
      throw err;
    } finally {
      file.destroy();
      parser.destroy();
    }
  }
  return { records: records(), bytesRead: () => bytes, close: () => file.destroy() };
}
