import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

// Reading attendance exports of Zoom, Teams, Google Meet, Webex… — pure: bytes in, rows out. Formats seen:
// - Zoom webinar "Attendee Report": a preamble (topic, host details), then sections, each with its own header row
//   ("Attended,First Name,Last Name,Email,…,Join Time,Leave Time,Time in Session (minutes),…"); non-attendees appear
//   with Attended = No. One row per join: a person who rejoined has several rows.
// - Zoom meeting participants: "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest".
// - Teams attendance list: often UTF-16 LE and tab-separated, "Full Name, Join Time, Leave Time, Duration, Email,
//   Role" with durations like "1h 2m 3s" — or a "Participant ID (UPN)" column instead of Email.

export type AttendanceColumns = {
  email: string | null;
  minutes: string | null;
  join: string | null;
  leave: string | null;
  attended: string | null;
};

export type AttendanceRow = {
  /** 1-based line in the file where the row starts. */
  line: number;
  email: string | null;
  /** Minutes attended by this row (rounded), when the file says. */
  minutes: number | null;
  /** false when the file lists the person as not attended (Zoom's Attended = No). */
  attended: boolean;
  raw: string;
};

export type ParsedAttendance = {
  columns: AttendanceColumns;
  rows: AttendanceRow[];
  encoding: string;
  delimiter: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or NULs in every other byte), else Windows-1252. */
export function decodeAttendance(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const sample = buf.subarray(0, 400);
  let oddNuls = 0;
  let evenNuls = 0;
  sample.forEach((b, i) => {
    if (b === 0) i % 2 ? oddNuls++ : evenNuls++;
  });
  if (oddNuls > sample.length / 4) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
  if (evenNuls > sample.length / 4) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'windows-1252'), encoding: 'windows-1252' };
  }
}

const norm = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** The delimiter of the first line that names an email column: the one it contains most of. */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 200);
  const header = lines.find((l) => /e-?mail|upn/i.test(l)) ?? lines[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function pick(headers: string[], tests: ((h: string) => boolean)[]): number {
  for (const t of tests) {
    const i = headers.findIndex(t);
    if (i >= 0) return i;
  }
  return -1;
}

/** Column indexes of a header row, or null when the row is not a header (it must name an email column). */
export function detectColumns(cells: string[]): Record<keyof AttendanceColumns, number> | null {
  const h = cells.map(norm);
  if (h.some((c) => c.includes('@'))) return null;
  const email = pick(h, [
    (c) => /^(user |attendee |participant |registrant )?e-?mail( address)?$/.test(c),
    (c) => /e-?mail/.test(c),
    (c) => /\bupn\b/.test(c),
  ]);
  if (email < 0) return null;
  return {
    email,
    minutes: pick(h, [
      (c) => /(time in session|duration|attendance|minutes attended|in-meeting).*\(min/.test(c),
      (c) => /minutes/.test(c),
      (c) => /duration|time in session|time attended/.test(c),
    ]),
    join: pick(h, [(c) => /join/.test(c) && !/leave/.test(c), (c) => /first seen|start time/.test(c)]),
    leave: pick(h, [(c) => /leave|left/.test(c), (c) => /last seen|end time/.test(c)]),
    attended: pick(h, [(c) => c === 'attended' || c === 'attendance' || c === 'attended?']),
  };
}

/**
 * Minutes in a duration cell: a number (minutes, or seconds when the header says so), "1h 2m 3s", "1 hr 2 min",
 * "1:02:03" (h:m:s) or "45:10" (m:s). Null when unreadable.
 */
export function parseDuration(cell: string, header: string): number | null {
  const s = cell.trim().toLowerCase();
  if (!s) return null;
  const seconds = /sec/.test(norm(header)) && !/min/.test(norm(header));
  if (/^\d+([.,]\d+)?$/.test(s)) {
    const n = Number(s.replace(',', '.'));
    return Math.round(seconds ? n / 60 : n);
  }
  const colon = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (colon) {
    const [a, b, c] = [Number(colon[1]), Number(colon[2]), colon[3] === undefined ? null : Number(colon[3])];
    return Math.round(c === null ? a + b / 60 : a * 60 + b + c / 60);
  }
  const h = /(\d+)\s*h/.exec(s);
  const m = /(\d+)\s*m(?!s)/.exec(s);
  const sec = /(\d+)\s*s/.exec(s);
  if (!h && !m && !sec) return null;
  return Math.round(Number(h?.[1] ?? 0) * 60 + Number(m?.[1] ?? 0) + Number(sec?.[1] ?? 0) / 60);
}

function minutesBetween(join: string, leave: string): number | null {
  const a = Date.parse(join.replace(/,/g, ''));
  const b = Date.parse(leave.replace(/,/g, ''));
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 60_000);
}

const NO = /^(no|false|0|n|nein|non|nee)$/i;

/** Every data row after a header row; section titles and preamble lines (no header yet, or ≤ 1 cell) are skipped. */
export function parseAttendance(buf: Buffer): ParsedAttendance {
  const { text, encoding } = decodeAttendance(buf);
  const delimiter = detectDelimiter(text);
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let cols: Record<keyof AttendanceColumns, number> | null = null;
  let headers: string[] = [];
  let firstHeader: AttendanceColumns | null = null;
  const rows: AttendanceRow[] = [];
  // info.lines is the line the record ENDS on; a record spanning lines (quoted newline) is rare in these exports.
  for (const { record, info } of records) {
    const cells = record.map((c) => c.trim());
    const header = detectColumns(cells);
    if (header) {
      cols = header;
      headers = cells;
      const name = (i: number) => (i >= 0 ? (headers[i] ?? null) : null);
      firstHeader ??= {
        email: name(header.email),
        minutes: name(header.minutes),
        join: name(header.join),
        leave: name(header.leave),
        attended: name(header.attended),
      };
      continue;
    }
    if (!cols || cells.filter(Boolean).length <= 1) continue;
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
    const rawEmail = cell(cols.email).toLowerCase();
    const email = EMAIL.test(rawEmail) ? rawEmail : null;
    let minutes = cols.minutes >= 0 ? parseDuration(cell(cols.minutes), headers[cols.minutes] ?? '') : null;
    if (minutes === null && cols.join >= 0 && cols.leave >= 0)
      minutes = minutesBetween(cell(cols.join), cell(cols.leave));
    rows.push({
      line: info.lines,
      email,
      minutes,
      attended: !(cols.attended >= 0 && NO.test(cell(cols.attended))),
      raw: record.join(delimiter === '\t' ? '\t' : delimiter).slice(0, 500),
    });
  }
  return {
    columns: firstHeader ?? { email: null, minutes: null, join: null, leave: null, attended: null },
    rows,
    encoding,
    delimiter,
  };
}
