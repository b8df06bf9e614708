import { type SQL, sql } from 'drizzle-orm';

/**
 * A JS array as ONE array parameter. Drizzle's `sql` template expands a plain array into a list of parameters
 * (`($2, $3)`), which is right for `in (…)` but wrong for `= any(…)`, `&&` or `@>`.
 */
export const textArray = (xs: readonly string[]): SQL => sql`${sql.param(xs)}::text[]`;
export const uuidArray = (xs: readonly string[]): SQL => sql`${sql.param(xs)}::uuid[]`;
