import { describe, expect, it } from 'vitest';
import { generateKeyBetween, generateNKeysBetween, isValidKey } from './fractional-index.ts';

// A tiny deterministic PRNG so a failing sequence can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('fractional index keys', () => {
  it('starts at a0 and appends / prepends on the integer part', () => {
    expect(generateKeyBetween(null, null)).toBe('a0');
    expect(generateKeyBetween('a0', null)).toBe('a1');
    expect(generateKeyBetween(null, 'a0')).toBe('Zz');
    expect(generateKeyBetween('az', null)).toBe('b00');
    expect(generateKeyBetween(null, 'b00')).toBe('az');
    expect(generateKeyBetween('a0', 'a1')).toBe('a0V');
    expect(generateKeyBetween('a0V', 'a1')).toBe('a0l');
    expect(generateKeyBetween('a0', 'a0V')).toBe('a0G');
  });

  it('rejects keys that are out of order or malformed', () => {
    expect(() => generateKeyBetween('a1', 'a0')).toThrow();
    expect(() => generateKeyBetween('a1', 'a1')).toThrow();
    expect(() => generateKeyBetween('a10', null)).toThrow(); // trailing zero digit
    expect(() => generateKeyBetween('!', null)).toThrow();
    expect(isValidKey('a0')).toBe(true);
    expect(isValidKey('a')).toBe(false);
  });

  it('keeps any random sequence of inserts strictly ordered', () => {
    const rand = rng(42);
    const list: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = Math.floor(rand() * (list.length + 1));
      const key = generateKeyBetween(list[at - 1] ?? null, list[at] ?? null);
      expect(isValidKey(key)).toBe(true);
      if (at > 0) expect(byteOrder(list[at - 1]!, key)).toBe(-1);
      if (at < list.length) expect(byteOrder(key, list[at]!)).toBe(-1);
      list.splice(at, 0, key);
    }
    expect([...list].sort(byteOrder)).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });

  it('keeps keys short when a board grows at its ends', () => {
    let last: string | null = null;
    let first: string | null = null;
    for (let i = 0; i < 5000; i++) {
      last = generateKeyBetween(last, null);
      first = generateKeyBetween(null, first);
    }
    expect(last!.length).toBeLessThanOrEqual(4);
    expect(first!.length).toBeLessThanOrEqual(4);
    expect(byteOrder(first!, last!)).toBe(-1);
  });

  it('grows slowly under repeated inserts at the same spot', () => {
    let lo = 'a0';
    const hi = 'a1';
    for (let i = 0; i < 200; i++) lo = generateKeyBetween(lo, hi);
    // Bisecting towards a neighbour adds one digit per five inserts or so (log2 62 ≈ 6, less the rounding).
    expect(lo.length).toBeLessThanOrEqual(2 + 200 / 4);
    expect(byteOrder(lo, hi)).toBe(-1);
  });

  it('spreads n keys evenly and in order', () => {
    for (const [a, b] of [
      [null, null],
      ['a0', null],
      [null, 'a0'],
      ['a0', 'a1'],
    ] as const) {
      const keys = generateNKeysBetween(a, b, 25);
      expect(keys).toHaveLength(25);
      expect([...keys].sort(byteOrder)).toEqual(keys);
      if (a) expect(byteOrder(a, keys[0]!)).toBe(-1);
      if (b) expect(byteOrder(keys[24]!, b)).toBe(-1);
      expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(5);
    }
  });
});
