import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * The "file" part of a multipart upload, with the options that came with it: form fields (only those sent before the
 * file part can be known while the file streams) merged with the query string (which works in any order), checked by
 * `fields`. A refused request drains the file so the connection stays usable.
 */
export async function uploadedFile<S extends z.ZodType>(
  req: FastifyRequest,
  fields: S,
  limits: { fileSize?: number } = {},
): Promise<{ part: MultipartFile; fields: z.infer<S> }> {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA', 'Send the file as multipart/form-data, in a part named "file".');
  const part = await req.file(limits.fileSize ? { limits: { fileSize: limits.fileSize } } : undefined);
  if (!part) throw AppError.validation([{ field: 'file', message: 'is required' }]);
  const form: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(part.fields)) if (v && !Array.isArray(v) && v.type === 'field') form[k] = v.value;
  const query = Object.fromEntries(
    Object.entries((req.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined),
  );
  const parsed = fields.safeParse({ ...form, ...query });
  if (!parsed.success) {
    part.file.resume();
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })),
    );
  }
  return { part, fields: parsed.data };
}
