/**
 * The one error type of Freehold. Use cases throw it; the HTTP layer maps it to RFC 9457 problem details once,
 * the CLI prints its message. `code` is stable and documented; `fields` names each offending input.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldError[];
  constructor(code: AppErrorCode, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static validation(fields: FieldError[]): AppError {
    const msg = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError('VALIDATION', `Invalid input — ${msg}`, fields);
  }
}

/** PostgreSQL error codes we translate, instead of matching message strings. */
export const PG = { UNIQUE_VIOLATION: '23505', FOREIGN_KEY_VIOLATION: '23503', CHECK_VIOLATION: '23514' } as const;

export function pgCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  if (typeof err === 'object' && err !== null && 'cause' in err) return pgCode((err as { cause: unknown }).cause);
  return undefined;
}
