import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError, HTTP_STATUS, PG, pgCode } from '../errors.ts';

/** RFC 9457 problem details, with Freehold's stable `code` and the offending fields. */
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const fields: FieldError[] = err.validation.map((v) => {
      const p = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // Zod 4 reports a missing field as a type error "… received undefined"; say it the way people do.
      const missing = v.keyword === 'invalid_type' && /received undefined$/.test(v.message ?? '');
      const message = missing ? 'is required' : v.message;
      return { field: p ? `${where}.${p}` : where, message: message ?? 'is invalid' };
    });
    return AppError.validation(fields);
  }
  const code = pgCode(err);
  if (code === PG.UNIQUE_VIOLATION) return new AppError('CONFLICT', 'This record already exists.');
  if (code === PG.FOREIGN_KEY_VIOLATION) return new AppError('BAD_REQUEST', 'A referenced record does not exist.');
  const fe = err as Partial<FastifyError>;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    const map: Record<number, AppError['code']> = {
      400: 'BAD_REQUEST',
      401: 'UNAUTHENTICATED',
      403: 'FORBIDDEN',
      404: 'NOT_FOUND',
      406: 'BAD_REQUEST',
      413: 'PAYLOAD_TOO_LARGE',
      415: 'UNSUPPORTED_MEDIA',
      429: 'RATE_LIMITED',
    };
    return new AppError(map[fe.statusCode] ?? 'BAD_REQUEST', fe.message ?? 'Bad request');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. The error was logged.');
}

export function problemHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const app = toAppError(err);
  const status = HTTP_STATUS[app.code];
  if (status >= 500 || isResponseSerializationError(err)) req.log.error({ err }, 'request failed');
  const body: z.infer<typeof ZProblem> = {
    type: `https://freehold.dev/problems/${app.code.toLowerCase().replaceAll('_', '-')}`,
    title: app.code
      .toLowerCase()
      .split('_')
      .map((w) => w[0]?.toUpperCase() + w.slice(1))
      .join(' '),
    status,
    code: app.code,
    detail: app.message,
    instance: req.url,
    requestId: req.id,
  };
  if (app.fields.length) body.errors = app.fields;
  return reply.status(status).type('application/problem+json').send(body);
}
