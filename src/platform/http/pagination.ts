import { z } from 'zod';
import { AppError } from '../errors.ts';

/** Opaque cursors: the sort key values of the last row, base64url-encoded JSON. */
export const encodeCursor = (values: (string | number | null)[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity) return v as (string | number | null)[];
  } catch {
    // fall through to the error below
  }
  throw AppError.validation([{ field: 'query.cursor', message: 'is not a cursor this list gave out' }]);
}

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });
