import { describe, expect, it } from 'vitest';
import { cutoffMinutes, dayOf, estimateDelivery, isoWeekday, localNow, WorkCalendar } from './calendar.ts';

// 2026-11-20 is a Friday; 2026-12-24 a Thursday, 2026-12-25/26 Friday/Saturday.
const weekdays = new WorkCalendar([1, 2, 3, 4, 5], ['2026-12-25', '2026-12-28']);
const withSaturday = new WorkCalendar([1, 2, 3, 4, 5, 6], []);

describe('working-day calendar', () => {
  it('knows the weekday of a day number', () => {
    expect(isoWeekday(dayOf('1970-01-01'))).toBe(4);
    expect(isoWeekday(dayOf('2026-11-20'))).toBe(5);
    expect(isoWeekday(dayOf('2026-11-22'))).toBe(7);
  });

  const at = (date: string, time: string) => ({
    day: dayOf(date),
    minutes: Number(time.slice(0, 2)) * 60 + Number(time.slice(3)),
  });
  const cases: {
    name: string;
    now: [string, string];
    cutoff: string | null;
    transit: [number, number];
    cal?: WorkCalendar;
    expect: [string, string, string];
  }[] = [
    {
      name: 'before the cut-off: leaves today',
      now: ['2026-11-18', '15:59'],
      cutoff: '16:00',
      transit: [1, 2],
      expect: ['2026-11-18', '2026-11-19', '2026-11-20'],
    },
    {
      name: 'at the cut-off minute: too late',
      now: ['2026-11-18', '16:00'],
      cutoff: '16:00',
      transit: [1, 2],
      expect: ['2026-11-19', '2026-11-20', '2026-11-23'],
    },
    {
      name: 'Friday after the cut-off: Monday',
      now: ['2026-11-20', '17:30'],
      cutoff: '16:00',
      transit: [1, 1],
      expect: ['2026-11-23', '2026-11-24', '2026-11-24'],
    },
    {
      name: 'Friday before the cut-off: transit skips the weekend',
      now: ['2026-11-20', '09:00'],
      cutoff: '16:00',
      transit: [1, 2],
      expect: ['2026-11-20', '2026-11-23', '2026-11-24'],
    },
    {
      name: 'Saturday order: Monday',
      now: ['2026-11-21', '10:00'],
      cutoff: '16:00',
      transit: [1, 3],
      expect: ['2026-11-23', '2026-11-24', '2026-11-26'],
    },
    {
      name: 'Sunday order, no cut-off: Monday',
      now: ['2026-11-22', '08:00'],
      cutoff: null,
      transit: [0, 0],
      expect: ['2026-11-23', '2026-11-23', '2026-11-23'],
    },
    {
      name: 'same-day service (0 days)',
      now: ['2026-11-18', '08:00'],
      cutoff: '10:00',
      transit: [0, 1],
      expect: ['2026-11-18', '2026-11-18', '2026-11-19'],
    },
    {
      name: 'holiday in transit (Christmas) and Monday holiday',
      now: ['2026-12-24', '10:00'],
      cutoff: '16:00',
      transit: [1, 3],
      expect: ['2026-12-24', '2026-12-29', '2026-12-31'],
    },
    {
      name: 'order on a holiday: next working day',
      now: ['2026-12-25', '09:00'],
      cutoff: '16:00',
      transit: [1, 1],
      expect: ['2026-12-29', '2026-12-30', '2026-12-30'],
    },
    {
      name: 'Saturday as a working day',
      now: ['2026-11-20', '17:00'],
      cutoff: '16:00',
      transit: [1, 2],
      cal: withSaturday,
      expect: ['2026-11-21', '2026-11-23', '2026-11-24'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = estimateDelivery(
        at(...c.now),
        cutoffMinutes(c.cutoff),
        { min: c.transit[0], max: c.transit[1] },
        c.cal ?? weekdays,
      );
      expect([r.dispatch, r.earliest, r.latest]).toEqual(c.expect);
    });
  }

  it('reads the time where the workspace is, across the date line and daylight saving', () => {
    // 23:30 UTC on a Friday is already Saturday 00:30 in Berlin (CET, UTC+1) and still Friday in New York.
    const t = new Date('2026-11-20T23:30:00Z');
    expect(localNow(t, 'Europe/Berlin')).toEqual({ day: dayOf('2026-11-21'), minutes: 30 });
    expect(localNow(t, 'America/New_York')).toEqual({ day: dayOf('2026-11-20'), minutes: 18 * 60 + 30 });
    // Summer time: 14:30 UTC is 16:30 in Berlin (CEST, UTC+2), past a 16:00 cut-off.
    expect(localNow(new Date('2026-07-01T14:30:00Z'), 'Europe/Berlin').minutes).toBe(16 * 60 + 30);
  });
});
