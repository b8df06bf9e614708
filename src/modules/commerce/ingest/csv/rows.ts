import { fromLocal } from '../../../../platform/time/zones.ts';
import type { FieldErrorLike } from '../target.ts';

/** One CSV row with its spreadsheet number (header = 1), read by column name whatever its case or spacing. */
export type CsvRow = { rowNumber: number; get: (column: string) => string | undefined };

export const columnKey = (h: string) =>
  h
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

/** Builds the row readers for a file's headers (the first column of a repeated name wins). */
export function rowReader(headers: string[]): (rowNumber: number, cells: string[]) => CsvRow {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = columnKey(h);
    if (!index.has(k)) index.set(k, i);
  });
  return (rowNumber, cells) => ({
    rowNumber,
    get: (column) => {
      const i = index.get(columnKey(column));
      const v = i === undefined ? undefined : cells[i]?.trim();
      return v ? v : undefined;
    },
  });
}

export const hasColumn = (headers: string[], column: string) => headers.some((h) => columnKey(h) === columnKey(column));

/** An order's value of an order-level column: exports write it on the order's first row only. */
export const first = (rows: CsvRow[], ...columns: string[]): string | undefined => {
  for (const c of columns)
    for (const r of rows) {
      const v = r.get(c);
      if (v !== undefined) return v;
    }
  return undefined;
};

/** A column that must not differ between an order's rows (its currency): two values mean two orders mixed up. */
export function consistent(rows: CsvRow[], column: string, errors: FieldErrorLike[]): string | undefined {
  const values = new Map<string, number>();
  for (const r of rows) {
    const v = r.get(column);
    if (v !== undefined && !values.has(v.toUpperCase())) values.set(v.toUpperCase(), r.rowNumber);
  }
  if (values.size > 1)
    errors.push({
      field: column,
      message: `differs between the order's rows (${[...values].map(([v, n]) => `"${v}" in row ${n}`).join(', ')})`,
    });
  return first(rows, column);
}

const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * "2025-10-07 09:50:26 +0200" (Shopify), "2024-03-05 14:22:10" (WooCommerce, the shop's local time) or ISO 8601.
 * A time without a zone is read in `timeZone` (the workspace's). Null when it is none of these.
 */
export function parseDateTime(s: string | undefined, timeZone: string): string | null {
  if (!s) return null;
  const m = DATE_TIME.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const zone = m[7]?.toUpperCase();
  if (!zone) return fromLocal({ y, mo: mo - 1, d, h, mi, s: sec, ms: 0 }, timeZone).toISOString();
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const z = zone.replace(':', '');
    offsetMin = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec) - offsetMin * 60_000).toISOString();
}
