// The import feature's surface, re-exported by the CRM index for the CLI and other callers.
export { cancelImport } from './cancel-import.ts';
export { ZDedupeMode, ZDelimiter, ZEncoding } from './contracts.ts';
export { openRejectsReport } from './export-rejects.ts';
export { getImport } from './get-import.ts';
// CSV reading (streamed decode + parse, encoding and delimiter sniffing): other modules' imports (orders) read files
// the same way.
export { readHead } from './inspect-file.ts';
export { importJobs } from './jobs.ts';
export { importRoutes } from './routes.ts';
export { openRowSource, type RowSource, readPreview } from './rows.ts';
export { type ImportProgress, runImport } from './run-import.ts';
export {
  assertTextual,
  decodeSample,
  detectDelimiter,
  detectEncoding,
  type ImportEncoding,
  SAMPLE_BYTES,
} from './sniff.ts';
export { startImport } from './start-import.ts';
export { uploadImport } from './upload-import.ts';
