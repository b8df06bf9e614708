import { parse } from 'csv-parse/sync';
import type { CardIssue } from './card-types.ts';

// The rate card CSV: one file, a header row, a `type` column saying what each row is, and the columns that type uses
// (docs/commerce/shipping.md has the table and an example). This file reads rows and checks which cells are filled;
// parse-rate-card.ts gives them meaning.

export const ROW_TYPES = {
  setting: { required: ['key', 'value'], optional: [] },
  service: {
    required: ['service', 'name', 'kind'],
    optional: ['cutoff', 'transit_min', 'transit_max', 'max_kg', 'max_side_cm'],
  },
  zone: { required: ['zone', 'country'], optional: ['region', 'postcode', 'city'] },
  rate: { required: ['service', 'zone', 'min_kg', 'max_kg', 'price'], optional: [] },
  per_kg: { required: ['service', 'zone', 'price'], optional: ['max_kg'] },
  transit: { required: ['service', 'zone', 'transit_min', 'transit_max'], optional: [] },
  fuel: { required: ['percent'], optional: ['service'] },
  remote: { required: ['country', 'postcode', 'price'], optional: ['service'] },
  cod: { required: ['percent'], optional: ['service', 'min_price'] },
  oversize: { required: ['max_side_cm', 'price'], optional: ['service'] },
  holiday: { required: ['date'], optional: ['name'] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

export type RowType = keyof typeof ROW_TYPES;

export const COLUMNS = [
  'type',
  ...new Set(Object.values(ROW_TYPES).flatMap((t) => [...t.required, ...t.optional])),
] as const;

export type CardRow = { line: number; type: RowType; cells: Map<string, string> };

/** Spreadsheets in much of Europe save CSV with semicolons; tabs come from copy-paste. The header tells. */
function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export const MAX_ROWS = 100_000;

/**
 * Reads the CSV into typed rows. Problems with the file's shape (no type column, an unknown column, a row of an
 * unknown type, a cell a row type does not use, a required cell left empty) become issues naming line and column.
 */
export function readCardCsv(text: string): { rows: CardRow[]; issues: CardIssue[] } {
  const issues: CardIssue[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: sniffDelimiter(text.replace(/^\uFEFF/, '')),
      comment: '#',
      comment_no_infix: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { rows: [], issues: [{ line: e.lines ?? 1, column: null, message: `not readable as CSV: ${e.message}` }] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], issues: [{ line: 1, column: null, message: 'the file is empty' }] };
  if (body.length > MAX_ROWS)
    return { rows: [], issues: [{ line: 1, column: null, message: `more than ${MAX_ROWS} rows` }] };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const known = new Set<string>(COLUMNS);
  header.forEach((h, i) => {
    if (h && !known.has(h))
      issues.push({
        line: head.info.lines,
        column: h,
        message: `unknown column (column ${i + 1}); the columns are: ${COLUMNS.join(', ')}`,
      });
  });
  const dup = header.find((h, i) => h && header.indexOf(h) !== i);
  if (dup) issues.push({ line: head.info.lines, column: dup, message: 'appears twice in the header' });
  if (!header.includes('type'))
    return {
      rows: [],
      issues: [...issues, { line: head.info.lines, column: 'type', message: 'the header has no type column' }],
    };
  if (issues.length) return { rows: [], issues };

  const rows: CardRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const cells = new Map<string, string>();
    record.forEach((v, i) => {
      const col = header[i];
      if (v !== '' && col) cells.set(col, v);
      else if (v !== '' && !col) issues.push({ line, column: null, message: `a value beyond the last column: "${v}"` });
    });
    const rawType = (cells.get('type') ?? '').toLowerCase();
    cells.delete('type');
    if (!(rawType in ROW_TYPES)) {
      issues.push({
        line,
        column: 'type',
        message: rawType
          ? `unknown row type "${rawType}"; use one of ${Object.keys(ROW_TYPES).join(', ')}`
          : 'is empty: every row needs a type',
      });
      continue;
    }
    const type = rawType as RowType;
    const spec: { required: readonly string[]; optional: readonly string[] } = ROW_TYPES[type];
    for (const col of spec.required)
      if (!cells.has(col)) issues.push({ line, column: col, message: `is required on ${type} rows` });
    for (const col of cells.keys())
      if (!spec.required.includes(col) && !spec.optional.includes(col))
        issues.push({ line, column: col, message: `is not used on ${type} rows: leave it empty` });
    rows.push({ line, type, cells });
  }
  return { rows, issues };
}
