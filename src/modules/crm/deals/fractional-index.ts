/**
 * Fractional-index keys for drag-and-drop ordering (the scheme of David Greenspan's "Implementing Fractional
 * Indexing", as popularised by Figma): a key is an integer part — a head letter giving its length (`a`…`z` for
 * 1…26 digits ≥ 0, `Z`…`A` for the negatives) plus that many base-62 digits — followed by an optional fraction that
 * never ends in the zero digit. Keys compare byte-wise, so SQL must order them with `COLLATE "C"`.
 *
 * Appending at either end only bumps the integer part, so keys stay short for boards that mostly grow at the ends;
 * repeated inserts between the same two neighbours grow the fraction by about one digit per six inserts.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0]!;
const LAST = DIGITS[DIGITS.length - 1]!;
/** The smallest integer part; nothing can be placed before a key that starts with it and has no fraction. */
const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`;

export class FractionalIndexError extends Error {
  override name = 'FractionalIndexError';
}

const digitValue = (c: string | undefined): number => (c === undefined ? -1 : DIGITS.indexOf(c));

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2;
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2;
  throw new FractionalIndexError(`invalid key head "${head}"`);
}

function integerPart(key: string): string {
  const n = integerLength(key[0] ?? '');
  if (n > key.length) throw new FractionalIndexError(`invalid key "${key}"`);
  return key.slice(0, n);
}

export function isValidKey(key: string): boolean {
  try {
    validate(key);
    return true;
  } catch {
    return false;
  }
}

function validate(key: string): void {
  if (key === SMALLEST_INTEGER) throw new FractionalIndexError(`invalid key "${key}"`);
  const int = integerPart(key);
  for (const c of key.slice(1)) if (digitValue(c) < 0) throw new FractionalIndexError(`invalid digit in "${key}"`);
  const frac = key.slice(int.length);
  if (frac.endsWith(ZERO)) throw new FractionalIndexError(`key "${key}" ends in the zero digit`);
}

/** A fraction strictly between `a` and `b` (digit strings read as 0.a and 0.b; `b` null means 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null && a >= b) throw new FractionalIndexError(`${a} >= ${b}`);
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? digitValue(a[0]) : 0;
  const db = b !== null ? digitValue(b[0]) : DIGITS.length;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)]!;
  // The first digits are consecutive: take `b`'s first digit when `b` continues, else extend `a`.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da]! + midpoint(a.slice(1), null);
}

function incrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = x.slice(1).split('');
  let carry = true;
  for (let i = digits.length - 1; carry && i >= 0; i--) {
    const d = digitValue(digits[i]) + 1;
    if (d === DIGITS.length) digits[i] = ZERO;
    else {
      digits[i] = DIGITS[d]!;
      carry = false;
    }
  }
  if (!carry) return head + digits.join('');
  if (head === 'Z') return `a${ZERO}`;
  if (head === 'z') return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > 'a') digits.push(ZERO);
  else digits.pop();
  return next + digits.join('');
}

function decrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = x.slice(1).split('');
  let borrow = true;
  for (let i = digits.length - 1; borrow && i >= 0; i--) {
    const d = digitValue(digits[i]) - 1;
    if (d === -1) digits[i] = LAST;
    else {
      digits[i] = DIGITS[d]!;
      borrow = false;
    }
  }
  if (!borrow) return head + digits.join('');
  if (head === 'a') return `Z${LAST}`;
  if (head === 'A') return null;
  const prev = String.fromCharCode(head.charCodeAt(0) - 1);
  if (prev < 'Z') digits.push(LAST);
  else digits.pop();
  return prev + digits.join('');
}

/** A key that sorts strictly after `a` and before `b`; null means "the start" / "the end" of the list. */
export function generateKeyBetween(a: string | null, b: string | null): string {
  if (a !== null) validate(a);
  if (b !== null) validate(b);
  if (a !== null && b !== null && a >= b) throw new FractionalIndexError(`${a} >= ${b}`);
  if (a === null) {
    if (b === null) return `a${ZERO}`;
    const ib = integerPart(b);
    const fb = b.slice(ib.length);
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb);
    if (ib < b) return ib;
    const dec = decrementInteger(ib);
    if (dec === null) throw new FractionalIndexError('cannot place before the smallest key');
    return dec;
  }
  const ia = integerPart(a);
  const fa = a.slice(ia.length);
  if (b === null) {
    const inc = incrementInteger(ia);
    return inc === null ? ia + midpoint(fa, null) : inc;
  }
  const ib = integerPart(b);
  const fb = b.slice(ib.length);
  if (ia === ib) return ia + midpoint(fa, fb);
  const inc = incrementInteger(ia);
  if (inc === null) throw new FractionalIndexError('cannot increment the largest key');
  if (inc < b) return inc;
  return ia + midpoint(fa, null);
}

/** `n` ascending keys between `a` and `b`, spread evenly (used to re-space a column whose keys collided). */
export function generateNKeysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [generateKeyBetween(a, b)];
  if (b === null) {
    const keys: string[] = [];
    let prev = a;
    for (let i = 0; i < n; i++) {
      prev = generateKeyBetween(prev, null);
      keys.push(prev);
    }
    return keys;
  }
  if (a === null) {
    const keys: string[] = [];
    let next = b;
    for (let i = 0; i < n; i++) {
      next = generateKeyBetween(null, next);
      keys.push(next);
    }
    return keys.reverse();
  }
  const mid = Math.floor(n / 2);
  const c = generateKeyBetween(a, b);
  return [...generateNKeysBetween(a, c, mid), c, ...generateNKeysBetween(c, b, n - mid - 1)];
}
