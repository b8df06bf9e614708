import fs from 'node:fs/promises';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { listCustomFields } from '../fields/custom-fields.ts';
import { type ImportEntity, type Mapping, suggestMapping } from './mapping.ts';
import { readPreview } from './rows.ts';
import {
  assertTextual,
  decodeSample,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  type ImportEncoding,
  type ImportFormat,
  SAMPLE_BYTES,
} from './sniff.ts';
import { assertSafeXlsx } from './zip-guard.ts';

export type Inspection = {
  format: ImportFormat;
  encoding: ImportEncoding | null;
  delimiter: string | null;
  headers: string[];
  preview: string[][];
  suggestedMapping: Mapping;
};

export async function readHead(filePath: string): Promise<{ sample: Buffer; size: number }> {
  const fh = await fs.open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    await fh.read(sample, 0, sample.length, 0);
    return { sample, size };
  } finally {
    await fh.close();
  }
}

/**
 * Everything the mapping screen needs from a stored file: what it is (refusing what it only claims to be), how its
 * text is encoded and delimited (unless the user said), its header, its first rows and a suggested mapping.
 */
export async function inspectFile(opts: {
  db: DbOrTx;
  workspaceId: string;
  entity: ImportEntity;
  path: string;
  filename: string;
  encoding?: ImportEncoding | undefined;
  delimiter?: string | undefined;
}): Promise<Inspection> {
  const { sample, size } = await readHead(opts.path);
  if (size === 0) throw AppError.validation([{ field: 'file', message: 'is empty' }]);
  const complete = size <= SAMPLE_BYTES;
  let encoding: ImportEncoding | null = opts.encoding ?? detectEncoding(sample, complete);
  const format = detectFormat(opts.filename, sample, encoding);
  let delimiter: string | null = null;
  if (format === 'xlsx') {
    await assertSafeXlsx(opts.path, opts.filename);
    encoding = null;
  } else {
    if (!encoding.startsWith('utf-16')) assertTextual(sample, opts.filename);
    if (format === 'csv') delimiter = opts.delimiter ?? detectDelimiter(decodeSample(sample, encoding), complete);
  }
  const { headers, rows } = await readPreview({ path: opts.path, format, encoding, delimiter });
  if (!headers.length)
    throw AppError.validation([
      { field: 'file', message: 'has no header row (the first non-empty row names the columns)' },
    ]);
  const custom = await listCustomFields({ db: opts.db, workspaceId: opts.workspaceId, entity: opts.entity });
  return {
    format,
    encoding,
    delimiter,
    headers,
    preview: rows,
    suggestedMapping: suggestMapping(headers, opts.entity, custom),
  };
}
