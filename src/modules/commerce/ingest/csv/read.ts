import { AppError } from '../../../../platform/errors.ts';
// The CRM import's CSV reading is plain infrastructure (streamed decode + parse, encoding and delimiter sniffing, a
// damaged-file error with its line): orders read their files the same way rather than keeping a second copy.
import { crmImport } from '../../../crm/index.ts';

const {
  readHead,
  openRowSource,
  readPreview,
  assertTextual,
  decodeSample,
  detectDelimiter,
  detectEncoding,
  SAMPLE_BYTES,
} = crmImport;
type RowSource = crmImport.RowSource;
type ImportEncoding = crmImport.ImportEncoding;

export type { ImportEncoding };

export type CsvSpec = { path: string; encoding: ImportEncoding; delimiter: string };

/** Encoding and delimiter of a stored upload (detected unless given), with its header and first rows. */
export async function inspectCsv(
  path: string,
  filename: string,
  opts: { encoding?: ImportEncoding | undefined; delimiter?: string | undefined } = {},
): Promise<{ spec: CsvSpec; headers: string[]; preview: string[][]; size: number }> {
  const { sample, size } = await readHead(path);
  if (size === 0) throw AppError.validation([{ field: 'file', message: 'is empty' }]);
  const complete = size <= SAMPLE_BYTES;
  const encoding = opts.encoding ?? detectEncoding(sample, complete);
  if (sample.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw new AppError('UNSUPPORTED_MEDIA', `"${filename}" is a spreadsheet or archive: export the orders as CSV.`, [
      { field: 'file', message: 'is not CSV' },
    ]);
  if (!encoding.startsWith('utf-16')) assertTextual(sample, filename);
  const delimiter = opts.delimiter ?? detectDelimiter(decodeSample(sample, encoding), complete);
  const spec = { path, encoding, delimiter };
  const { headers, rows } = await readPreview({ ...spec, format: 'csv' });
  if (!headers.length)
    throw AppError.validation([{ field: 'file', message: 'has no header row (the first row names the columns)' }]);
  return { spec, headers, preview: rows, size };
}

export const openCsv = (spec: CsvSpec): Promise<RowSource> => openRowSource({ ...spec, format: 'csv' });
