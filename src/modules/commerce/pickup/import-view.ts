import type { TPickupImport } from './contracts.ts';
import type { pickupImports } from './schema.ts';

export const toImportView = (r: typeof pickupImports.$inferSelect): TPickupImport => ({
  id: r.id,
  kind: r.kind,
  filename: r.filename,
  format: r.format,
  country: r.country,
  status: r.status,
  sizeBytes: r.sizeBytes,
  bytesDone: r.bytesDone,
  rowsDone: r.rowsDone,
  created: r.created,
  updated: r.updated,
  rejected: r.rejected,
  skipped: r.skipped,
  errors: r.errors,
  error: r.error,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});
