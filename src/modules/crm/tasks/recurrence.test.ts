import { describe, expect, it } from 'vitest';
import { dayBounds, nextOccurrence, occurrence } from './recurrence.ts';

const d = (iso: string) => new Date(iso);
const iso = (x: Date) => x.toISOString();

describe('recurrence maths', () => {
  it('keeps "monthly on the 31st" on the last day of short months without drifting', () => {
    const anchor = d('2025-01-31T09:00:00Z');
    const dates = [1, 2, 3, 4, 12, 13].map((n) => iso(occurrence(anchor, 'monthly', 1, n, 'UTC')));
    expect(dates).toEqual([
      '2025-02-28T09:00:00.000Z',
      '2025-03-31T09:00:00.000Z',
      '2025-04-30T09:00:00.000Z',
      '2025-05-31T09:00:00.000Z',
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
    ]);
    // Leap years: February 29th exists in 2028.
    expect(iso(occurrence(d('2027-01-31T09:00:00Z'), 'monthly', 1, 1, 'UTC'))).toBe('2027-02-28T09:00:00.000Z');
    expect(iso(occurrence(d('2028-01-31T09:00:00Z'), 'monthly', 1, 1, 'UTC'))).toBe('2028-02-29T09:00:00.000Z');
  });

  it('moves yearly Feb 29 to Feb 28 and back in leap years', () => {
    const anchor = d('2024-02-29T12:00:00Z');
    expect(iso(occurrence(anchor, 'yearly', 1, 1, 'UTC'))).toBe('2025-02-28T12:00:00.000Z');
    expect(iso(occurrence(anchor, 'yearly', 1, 4, 'UTC'))).toBe('2028-02-29T12:00:00.000Z');
  });

  it('honours intervals and weeks', () => {
    const anchor = d('2025-03-03T08:00:00Z');
    expect(iso(occurrence(anchor, 'weekly', 2, 1, 'UTC'))).toBe('2025-03-17T08:00:00.000Z');
    expect(iso(occurrence(anchor, 'daily', 3, 2, 'UTC'))).toBe('2025-03-09T08:00:00.000Z');
    expect(iso(occurrence(anchor, 'monthly', 3, 1, 'UTC'))).toBe('2025-06-03T08:00:00.000Z');
    expect(iso(occurrence(anchor, 'monthly', 12, 1, 'UTC'))).toBe('2026-03-03T08:00:00.000Z');
  });

  it('keeps the local time across daylight-saving changes', () => {
    // 09:00 in Amsterdam is 08:00Z in winter and 07:00Z in summer (clocks go forward on 2025-03-30).
    const anchor = d('2025-03-29T08:00:00Z');
    expect(iso(occurrence(anchor, 'daily', 1, 1, 'Europe/Amsterdam'))).toBe('2025-03-30T07:00:00.000Z');
    // A time inside the spring gap (02:30 does not exist that night) is read as 03:30.
    const gap = occurrence(d('2025-03-29T01:30:00Z'), 'daily', 1, 1, 'Europe/Amsterdam');
    expect(iso(gap)).toBe('2025-03-30T01:30:00.000Z');
    // The hour after the gap is not pushed further.
    expect(iso(occurrence(d('2025-03-29T02:00:00Z'), 'daily', 1, 1, 'Europe/Amsterdam'))).toBe(
      '2025-03-30T01:00:00.000Z',
    );
    // An hour shown twice in autumn takes its first instant.
    expect(iso(occurrence(d('2025-10-25T00:30:00Z'), 'daily', 1, 1, 'Europe/Amsterdam'))).toBe(
      '2025-10-26T00:30:00.000Z',
    );
  });

  it('skips past occurrences: a long-overdue daily task spawns one next task, not a backlog', () => {
    const due = d('2025-01-01T09:00:00Z');
    const next = nextOccurrence({
      anchor: due,
      previousDue: due,
      now: d('2025-04-10T15:00:00Z'),
      frequency: 'daily',
      interval: 1,
      tz: 'UTC',
    });
    expect(iso(next)).toBe('2025-04-11T09:00:00.000Z');
  });

  it('completing early gives the occurrence after the previous due date', () => {
    const next = nextOccurrence({
      anchor: d('2025-01-31T09:00:00Z'),
      previousDue: d('2025-03-31T09:00:00Z'),
      now: d('2025-03-20T10:00:00Z'),
      frequency: 'monthly',
      interval: 1,
      tz: 'UTC',
    });
    expect(iso(next)).toBe('2025-04-30T09:00:00.000Z');
  });

  it('returns to the 31st after February when counted from the anchor', () => {
    const next = nextOccurrence({
      anchor: d('2025-01-31T09:00:00Z'),
      previousDue: d('2025-02-28T09:00:00Z'),
      now: d('2025-02-28T10:00:00Z'),
      frequency: 'monthly',
      interval: 1,
      tz: 'UTC',
    });
    expect(iso(next)).toBe('2025-03-31T09:00:00.000Z');
  });

  it('finds the next of a long series without looping through every period', () => {
    const anchor = d('2000-01-31T09:00:00Z');
    const now = d('2025-06-15T00:00:00Z');
    const next = nextOccurrence({ anchor, previousDue: anchor, now, frequency: 'monthly', interval: 1, tz: 'UTC' });
    expect(iso(next)).toBe('2025-06-30T09:00:00.000Z');
    const weekly = nextOccurrence({ anchor, previousDue: anchor, now, frequency: 'weekly', interval: 2, tz: 'UTC' });
    expect(weekly.getTime()).toBeGreaterThan(now.getTime());
    expect(weekly.getTime() - now.getTime()).toBeLessThanOrEqual(14 * 86_400_000);
    expect((weekly.getTime() - anchor.getTime()) % (14 * 86_400_000)).toBe(0);
  });

  it('computes day bounds in the zone', () => {
    // 23:30Z on Jan 10 is already Jan 11 in Auckland (+13).
    const { start, end } = dayBounds(d('2025-01-10T23:30:00Z'), 'Pacific/Auckland');
    expect(iso(start)).toBe('2025-01-10T11:00:00.000Z');
    expect(iso(end)).toBe('2025-01-11T11:00:00.000Z');
    // A 23-hour day in New York (spring forward on 2025-03-09).
    const ny = dayBounds(d('2025-03-09T12:00:00Z'), 'America/New_York');
    expect(iso(ny.start)).toBe('2025-03-09T05:00:00.000Z');
    expect(iso(ny.end)).toBe('2025-03-10T04:00:00.000Z');
  });
});
