// Opening hours of a pickup point: a weekly pattern (several ranges a day, overnight ranges allowed) plus dated
// exceptions (closed, or special hours). Pure code with no Node or database imports: the web UI's editor parses and
// formats with the same functions the CSV import and the API use.
//
// The compact syntax (documented in docs/commerce/pickup-points.md) is a small, strict subset of OpenStreetMap's
// `opening_hours`, which shop owners and partner lists already use:
//   Mo-Fr 09:00-18:00; Sa 10:00-14:00
//   Mo-Fr 09:00-12:00,13:00-18:00; Su off
//   Fr,Sa 22:00-02:00          (overnight: the range belongs to the day it starts on)
//   24/7
//   2026-12-24 10:00-14:00; 2026-12-25 off; 2026-12-27..2026-12-31 off   (exceptions)
// Rules are read left to right; a later weekly rule for a day replaces an earlier one ("Mo-Fr 9-18; We 9-13").

export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `to` ≤ `from` means the range runs past midnight into the next day; `24:00` is the end of the day. */
export type TimeRange = { from: string; to: string };
export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;
/** One date or an inclusive span of dates; no ranges = closed. */
export type HoursException = {
  date: string;
  until?: string | undefined;
  ranges: TimeRange[];
  note?: string | undefined;
};

export type OpeningHours = { weekly: WeeklyHours; exceptions: HoursException[] };

export class HoursSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HoursSyntaxError';
  }
}

const TIME_RE = /^([01]?\d|2[0-4]):([0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight of `HH:MM` (24:00 = 1440), or null when it is not a time. */
export function minutesOf(t: string): number | null {
  const m = TIME_RE.exec(t.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v > 1440 ? null : v;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** [start, end) in minutes from the start of the range's own day; end may pass 1440 (overnight). */
export function rangeSpan(r: TimeRange): [number, number] {
  const from = minutesOf(r.from) ?? 0;
  let to = minutesOf(r.to) ?? 0;
  if (to <= from) to += 1440;
  return [from, to];
}

/** Checks one range; the message names it as written. */
export function checkRange(r: TimeRange): string | null {
  const from = minutesOf(r.from);
  const to = minutesOf(r.to);
  if (from === null) return `"${r.from}" is not a time (HH:MM)`;
  if (to === null) return `"${r.to}" is not a time (HH:MM)`;
  if (from === 1440) return `a range cannot start at 24:00`;
  if (from === to) return `"${r.from}-${r.to}" is empty (for a whole day write 00:00-24:00)`;
  return null;
}

/** Ranges of one day must not overlap (an overnight range may reach into the next day). */
export function checkDay(ranges: TimeRange[]): string | null {
  for (const r of ranges) {
    const bad = checkRange(r);
    if (bad) return bad;
  }
  const spans = ranges.map(rangeSpan).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev && cur && cur[0] < prev[1]) return `${hhmm(cur[0])} overlaps the range before it`;
  }
  return null;
}

function parseRanges(text: string): TimeRange[] {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'closed') return [];
  return text.split(',').map((part) => {
    const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) throw new HoursSyntaxError(`"${part.trim()}" is not a time range like 09:00-18:00`);
    const pad5 = (s: string) => (s.length === 4 ? `0${s}` : s);
    const r = { from: pad5(m[1] ?? ''), to: pad5(m[2] ?? '') };
    const bad = checkRange(r);
    if (bad) throw new HoursSyntaxError(bad);
    return r;
  });
}

function dayIndex(token: string): number {
  const i = WEEKDAYS.indexOf(token.trim().toLowerCase() as Weekday);
  if (i < 0) throw new HoursSyntaxError(`"${token.trim()}" is not a weekday (Mo Tu We Th Fr Sa Su)`);
  return i;
}

function parseDays(text: string): Weekday[] {
  const days = new Set<Weekday>();
  for (const part of text.split(',')) {
    const [a, b, extra] = part.split('-');
    if (extra !== undefined || a === undefined) throw new HoursSyntaxError(`"${part.trim()}" is not a day or span`);
    const start = dayIndex(a);
    // A span may wrap round the week (Fr-Mo).
    const end = b === undefined ? start : dayIndex(b);
    for (let i = start; ; i = (i + 1) % 7) {
      days.add(WEEKDAYS[i] as Weekday);
      if (i === end) break;
    }
  }
  return [...days];
}

/** Parses the compact syntax into weekly hours and exceptions; throws HoursSyntaxError naming the bad rule. */
export function parseOpeningHours(text: string): OpeningHours {
  const weekly: WeeklyHours = {};
  const exceptions: HoursException[] = [];
  const rules = text
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const rule of rules) {
    try {
      if (rule === '24/7') {
        for (const d of WEEKDAYS) weekly[d] = [{ from: '00:00', to: '24:00' }];
        continue;
      }
      const dated = /^(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/.exec(rule);
      if (dated) {
        const [, date = '', until, rest = ''] = dated;
        if (!isValidDate(date)) throw new HoursSyntaxError(`"${date}" is not a date`);
        if (until !== undefined && !isValidDate(until)) throw new HoursSyntaxError(`"${until}" is not a date`);
        if (until !== undefined && until < date) throw new HoursSyntaxError(`${until} is before ${date}`);
        const ranges = parseRanges(rest);
        const bad = checkDay(ranges);
        if (bad) throw new HoursSyntaxError(bad);
        exceptions.push({ date, ...(until !== undefined && until !== date ? { until } : {}), ranges });
        continue;
      }
      // The days end where the hours begin: at the first digit, or at the word off/closed.
      const m = /^([A-Za-z][A-Za-z,\s-]*?)\s*(\d.*|off|closed)$/i.exec(rule);
      if (!m) throw new HoursSyntaxError('expected days then hours, e.g. "Mo-Fr 09:00-18:00"');
      const days = parseDays((m[1] ?? '').replace(/\s+/g, ''));
      const ranges = parseRanges(m[2] ?? '');
      const bad = checkDay(ranges);
      if (bad) throw new HoursSyntaxError(bad);
      for (const d of days) weekly[d] = ranges.map((r) => ({ ...r }));
    } catch (err) {
      if (err instanceof HoursSyntaxError) throw new HoursSyntaxError(`in "${rule}": ${err.message}`);
      throw err;
    }
  }
  for (const d of WEEKDAYS) if (weekly[d]?.length === 0) delete weekly[d];
  return { weekly, exceptions: sortExceptions(exceptions) };
}

export function sortExceptions(xs: HoursException[]): HoursException[] {
  return [...xs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const cap = (d: Weekday) => d.charAt(0).toUpperCase() + d.slice(1);
const rangesText = (rs: TimeRange[]) => (rs.length ? rs.map((r) => `${r.from}-${r.to}`).join(',') : 'off');

/** Formats weekly hours compactly (consecutive days with equal hours become a span); closed days are left out. */
export function formatWeekly(weekly: WeeklyHours): string {
  const all = WEEKDAYS.map((d) => weekly[d] ?? []);
  if (all.every((rs) => rs.length === 1 && rs[0]?.from === '00:00' && rs[0]?.to === '24:00')) return '24/7';
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    const key = rangesText(all[i] ?? []);
    let j = i;
    while (j + 1 < 7 && rangesText(all[j + 1] ?? []) === key) j++;
    if (key !== 'off') {
      const days =
        i === j ? cap(WEEKDAYS[i] as Weekday) : `${cap(WEEKDAYS[i] as Weekday)}-${cap(WEEKDAYS[j] as Weekday)}`;
      parts.push(`${days} ${key}`);
    }
    i = j + 1;
  }
  return parts.join('; ');
}

export function formatExceptions(exceptions: HoursException[]): string {
  return exceptions.map((e) => `${e.date}${e.until ? `..${e.until}` : ''} ${rangesText(e.ranges)}`).join('; ');
}

/** The whole thing as one compact string (weekly rules, then exceptions); `parseOpeningHours` reads it back. */
export function formatOpeningHours(h: OpeningHours): string {
  return [formatWeekly(h.weekly), formatExceptions(h.exceptions)].filter(Boolean).join('; ');
}
