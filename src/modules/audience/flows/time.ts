import { fromLocal, safeZone, toLocal } from '../../../platform/time/zones.ts';
import type { WaitConfig } from './graph.ts';

export { fromLocal, safeZone, toLocal };

/**
 * When a wait ends, in a time zone: pure functions, no dependency. "Wait 2 days" keeps the local wall-clock time
 * across a daylight-saving change; "Tuesday at 10:00" is 10:00 where the contact lives.
 */

/** `yyyy-mm-dd` of an instant in a zone. */
export function localDate(date: Date, tz: string): string {
  const l = toLocal(date, tz);
  return `${l.y}-${String(l.mo + 1).padStart(2, '0')}-${String(l.d).padStart(2, '0')}`;
}

const MINUTE = 60_000;

/** Minutes and hours are elapsed time; days and weeks are calendar days at the same local time. */
export function afterDuration(from: Date, amount: number, unit: 'minutes' | 'hours' | 'days' | 'weeks', tz: string) {
  if (unit === 'minutes') return new Date(from.getTime() + amount * MINUTE);
  if (unit === 'hours') return new Date(from.getTime() + amount * 60 * MINUTE);
  const l = toLocal(from, tz);
  return fromLocal({ ...l, d: l.d + amount * (unit === 'weeks' ? 7 : 1) }, tz);
}

/** The first instant at or after `from` that is one of `weekdays` (0 = Sunday) at hour:minute local time. */
export function nextWeekdayAt(from: Date, weekdays: number[], hour: number, minute: number, tz: string): Date {
  const l = toLocal(from, tz);
  const days = new Set(weekdays);
  for (let i = 0; i <= 7; i++) {
    const weekday = new Date(Date.UTC(l.y, l.mo, l.d + i)).getUTCDay();
    if (!days.has(weekday)) continue;
    const at = fromLocal({ y: l.y, mo: l.mo, d: l.d + i, h: hour, mi: minute, s: 0, ms: 0 }, tz);
    if (at.getTime() >= from.getTime()) return at;
  }
  // Unreachable with a non-empty set of weekdays (day 7 is the same weekday as today, after it).
  throw new Error('no weekday given');
}

/**
 * `hour`:00 local on the day of `value` shifted by `offsetDays`. A date-only value (a custom date field) is that day in
 * the zone; an instant (created_at) is first read as a local day.
 */
export function atDateField(value: string | Date, offsetDays: number, hour: number, tz: string): Date | null {
  let y: number;
  let mo: number;
  let d: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    ({ y, mo, d } = toLocal(value, tz));
  } else {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) {
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? null : atDateField(parsed, offsetDays, hour, tz);
    }
    y = Number(m[1]);
    mo = Number(m[2]) - 1;
    d = Number(m[3]);
  }
  return fromLocal({ y, mo, d: d + offsetDays, h: hour, mi: 0, s: 0, ms: 0 }, tz);
}

/**
 * When a wait that starts at `from` ends. `dateValue` is the contact's value of the field a date wait names
 * (undefined when it has none: the wait then ends at once, `null` is returned).
 */
export function waitUntil(config: WaitConfig, from: Date, tz: string, dateValue?: string | Date | null): Date | null {
  switch (config.mode) {
    case 'duration':
      return afterDuration(from, config.amount, config.unit, tz);
    case 'weekday':
      return nextWeekdayAt(from, config.weekdays, config.hour, config.minute, tz);
    case 'date_field':
      if (dateValue === undefined || dateValue === null || dateValue === '') return null;
      return atDateField(dateValue, config.offsetDays, config.hour, tz);
  }
}

/**
 * Month and day for "today" in a zone, and the days an anniversary falls on: on 28 February of a common year, people
 * born on 29 February have theirs too.
 */
export function anniversaryDays(now: Date, tz: string): { date: string; monthDays: string[]; year: number } {
  const l = toLocal(now, tz);
  const md = `${String(l.mo + 1).padStart(2, '0')}-${String(l.d).padStart(2, '0')}`;
  const leap = new Date(Date.UTC(l.y, 1, 29)).getUTCMonth() === 1;
  const monthDays = md === '02-28' && !leap ? [md, '02-29'] : [md];
  return { date: localDate(now, tz), monthDays, year: l.y };
}
