import { z } from 'zod';
import { ZSourceInput, ZSourceTouch } from '../contracts/common.ts';
import { ENCODINGS } from './sniff.ts';

export const ZImportEntity = z.enum(['contact', 'company']);
export const ZImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed', 'cancelled']);
export const ZDedupeMode = z
  .enum(['update', 'skip', 'create'])
  .describe(
    'A row matching an existing contact (by email, else phone) or an earlier row: update merges it in, skip leaves it, create makes a new contact anyway',
  );
export const ZEncoding = z.enum(ENCODINGS).describe('Text encoding; detected when not given');

const DELIMITER_NAMES: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' };
export const ZDelimiter = z
  .string()
  .transform((s) => DELIMITER_NAMES[s.toLowerCase()] ?? s)
  .pipe(z.enum([',', ';', '\t', '|']))
  .describe('CSV delimiter: `,` `;` `|`, a tab, or the words comma, semicolon, tab, pipe; detected when not given');

export const ZMapping = z
  .record(z.string().max(200), z.string().max(100))
  .describe(
    'File header → field: firstName, lastName, fullName, email, phone, company, title, country, city, region, postcode, street, website, linkedin, tags, notes, language, lifecycleStage (companies: name, domain, industry…), custom.<key>, or ignore',
  )
  .meta({ id: 'ImportMapping' });

export const ZImport = z
  .object({
    id: z.string().uuid(),
    entity: ZImportEntity,
    filename: z.string(),
    format: z.enum(['csv', 'vcard', 'xlsx']),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    sizeBytes: z.number().int(),
    bytesDone: z.number().int(),
    progress: z.number().min(0).max(1).describe('bytesDone / sizeBytes, 1 when done'),
    headers: z.array(z.string()),
    preview: z.array(z.array(z.string())).describe('The first rows after the header, as read'),
    suggestedMapping: ZMapping,
    mapping: ZMapping.nullable(),
    dedupe: ZDedupeMode,
    source: ZSourceTouch.nullable(),
    tags: z.array(z.string()),
    status: ZImportStatus,
    rowsDone: z.number().int(),
    rowsTotal: z.number().int().nullable().describe('Known once the import is done'),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'Import' });

export const ZUploadImportQuery = z.object({
  entity: ZImportEntity.optional().describe('What the rows are (default contact); may also be a form field'),
  encoding: ZEncoding.optional(),
  delimiter: ZDelimiter.optional(),
});

/** Documents the multipart form; the handler streams it, so validation of the parts happens there. */
export const ZUploadImportForm = z
  .object({
    entity: ZImportEntity.optional().describe('Send text fields before the file part'),
    encoding: ZEncoding.optional(),
    delimiter: z.string().optional(),
    file: z.string().meta({ format: 'binary' }).describe('CSV, vCard (.vcf) or XLSX'),
  })
  // The multipart plugin leaves the body empty (the handler streams the parts), so validation must let it through.
  .nullish();

export const ZUploadFields = z.object({
  entity: ZImportEntity.default('contact'),
  encoding: ZEncoding.optional(),
  delimiter: ZDelimiter.optional(),
});

export const ZStartImportRequest = z
  .object({
    mapping: ZMapping.optional().describe('Default: the saved mapping named by mappingName, else the suggestion'),
    mappingName: z.string().trim().min(1).max(100).optional(),
    dedupe: ZDedupeMode.default('update'),
    source: z
      .union([z.string().trim().min(1).max(200), ZSourceInput])
      .optional()
      .describe('"Trade show: Canton Fair 2026" or a SourceTouch; default: channel import, named after the file'),
    tags: z.array(z.string().trim().min(1).max(80)).max(50).optional().describe('Added to every imported row'),
    saveMappingAs: z.string().trim().min(1).max(100).optional(),
  })
  .meta({ id: 'StartImportRequest' });

export const ZUpdateImportRequest = z.object({ encoding: ZEncoding.optional(), delimiter: ZDelimiter.optional() });

export const ZSavedMapping = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    entity: ZImportEntity,
    mapping: ZMapping,
    createdAt: z.date(),
  })
  .meta({ id: 'SavedImportMapping' });

export const ZSaveMappingRequest = z.object({
  name: z.string().trim().min(1).max(100),
  entity: ZImportEntity.default('contact'),
  mapping: ZMapping,
});

export const ZMappingListQuery = z.object({ entity: ZImportEntity.optional() });
export const ZIdParams = z.object({ id: z.string().uuid() });
