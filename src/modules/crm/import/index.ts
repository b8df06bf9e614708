// The import feature's surface, re-exported by the CRM index for the CLI and other callers.
export { cancelImport } from './cancel-import.ts';
export { ZDedupeMode, ZDelimiter, ZEncoding } from './contracts.ts';
export { openRejectsReport } from './export-rejects.ts';
export { getImport } from './get-import.ts';
export { importJobs } from './jobs.ts';
export { importRoutes } from './routes.ts';
export { type ImportProgress, runImport } from './run-import.ts';
export { startImport } from './start-import.ts';
export { uploadImport } from './upload-import.ts';
