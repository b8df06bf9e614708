// Cell parsers of the rate card CSV. Each returns the value or a message saying what a valid cell looks like.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

const decimal = (v: string, places: number) => new RegExp(`^\\d{1,7}(?:[.,]\\d{1,${places}})?$`).test(v);
const toNumber = (v: string) => Number(v.replace(',', '.'));

/** "2.5" kg → 2500 g (up to gram precision). */
export function parseKg(v: string): Parsed<number> {
  if (v.startsWith('-')) return bad(`"${v}" is negative: weights are 0 kg or more`);
  if (!decimal(v, 3)) return bad(`"${v}" is not a weight in kg like 2.5 (at most 3 decimals)`);
  return ok(Math.round(toNumber(v) * 1000));
}

/** "60" cm → 600 mm (up to mm precision). */
export function parseCm(v: string): Parsed<number> {
  if (v.startsWith('-')) return bad(`"${v}" is negative`);
  if (!decimal(v, 1)) return bad(`"${v}" is not a length in cm like 120 or 60.5`);
  const mm = Math.round(toNumber(v) * 10);
  return mm > 0 ? ok(mm) : bad('must be more than 0 cm');
}

export function parsePercent(v: string): Parsed<number> {
  if (v.startsWith('-')) return bad(`"${v}" is negative`);
  const s = v.replace(/%$/, '').trim();
  if (!decimal(s, 4)) return bad(`"${v}" is not a percentage like 12.5`);
  const n = toNumber(s);
  return n <= 100 ? ok(n) : bad(`${n}% is more than 100%`);
}

export function parseDays(v: string): Parsed<number> {
  if (!/^\d{1,2}$/.test(v)) return bad(`"${v}" is not a whole number of working days (0–60)`);
  const n = Number(v);
  return n <= 60 ? ok(n) : bad(`${n} days is more than 60`);
}

export function parseCutoff(v: string): Parsed<string> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return bad(`"${v}" is not a time like 16:00`);
  return ok(`${m[1]!.padStart(2, '0')}:${m[2]}`);
}

export function parseDate(v: string): Parsed<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return bad(`"${v}" is not a date like 2026-12-25`);
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? ok(v) : bad(`${v} is not a calendar date`);
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const dayNumber = (s: string): number | null => {
  const t = s.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  const i = Math.max(DAYS.indexOf(t), FULL.indexOf(t));
  return i >= 0 ? i + 1 : null;
};

/** "mon-fri", "mon,tue,wed,thu,fri,sat", "1-5" → ISO weekdays. */
export function parseWorkingDays(v: string): Parsed<number[]> {
  const days = new Set<number>();
  for (const part of v.split(/[,;\s]+/).filter(Boolean)) {
    const [a, b, ...rest] = part.split('-');
    const from = dayNumber(a ?? '');
    const to = b === undefined ? from : dayNumber(b);
    if (rest.length || from === null || to === null || to < from)
      return bad(`"${v}" is not a list of days like mon-fri or mon,tue,wed,thu,fri,sat`);
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days.size ? ok([...days].sort()) : bad('names no day');
}

export function parseDivisor(v: string): Parsed<number | null> {
  if (/^(none|0)$/i.test(v)) return ok(null);
  if (!/^\d{1,6}$/.test(v) || Number(v) < 100)
    return bad(`"${v}" is not a divisor in cm³ per kg like 5000 (or "none")`);
  return ok(Number(v));
}

const CODE = /^[a-z0-9][a-z0-9_.-]{0,59}$/;
export function parseServiceCode(v: string): Parsed<string> {
  const code = v.trim().toLowerCase();
  return CODE.test(code) ? ok(code) : bad(`"${v}" is not a service code (letters, digits, _ . -; up to 60)`);
}

export function parseZoneName(v: string): Parsed<string> {
  return v.length <= 80 ? ok(v) : bad('is longer than 80 characters');
}

/** Case- and accent-insensitive form of a region or city name. */
export const foldName = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s.'’-]+/g, ' ')
    .trim();
