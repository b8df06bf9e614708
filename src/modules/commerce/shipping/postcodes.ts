// Postcode matchers of rate cards: a prefix ("75", "SW1") or a range of codes of one length ("75000..75999").
// Codes are compared normalised: upper case, without spaces or dashes ("sw1a 1aa" → "SW1A1AA", "00-950" → "00950").

export type PostcodeMatcher = { kind: 'prefix'; prefix: string } | { kind: 'range'; from: string; to: string };

export const normalisePostcode = (raw: string): string => raw.toUpperCase().replace(/[\s-]+/g, '');

const CODE = /^[0-9A-Z]{1,12}$/;

/** Parses a `postcode` cell. Null with a reason when it is neither a prefix nor a valid range. */
export function parsePostcodeMatcher(raw: string): PostcodeMatcher | { error: string } {
  const v = raw.trim();
  if (v.includes('..')) {
    const [a = '', b = '', ...rest] = v.split('..');
    const from = normalisePostcode(a);
    const to = normalisePostcode(b);
    if (rest.length || !CODE.test(from) || !CODE.test(to)) return { error: `"${v}" is not a range like 75000..75999` };
    if (from.length !== to.length)
      return { error: `the ends of "${v}" differ in length: a range holds codes of one length` };
    if (from > to) return { error: `"${v}" runs backwards: write the lower code first` };
    return { kind: 'range', from, to };
  }
  const prefix = normalisePostcode(v);
  if (!CODE.test(prefix)) return { error: `"${v}" is not a postcode or postcode prefix (letters and digits)` };
  return { kind: 'prefix', prefix };
}

export function matchesPostcode(m: PostcodeMatcher, code: string): boolean {
  if (m.kind === 'prefix') return code.startsWith(m.prefix);
  return code.length === m.from.length && code >= m.from && code <= m.to;
}

// Postcodes are letters and digits: '0' sorts below every such character and 'Z' above, so a prefix padded with
// them bounds every code of that length that starts with it.
const low = (p: string, len: number) => p.padEnd(len, '0');
const high = (p: string, len: number) => p.padEnd(len, 'Z');

/** Every code `inner` matches is matched by `outer` (for ranges: every code of the range's length). */
export function contains(outer: PostcodeMatcher, inner: PostcodeMatcher): boolean {
  if (outer.kind === 'prefix') {
    if (inner.kind === 'prefix') return inner.prefix.startsWith(outer.prefix);
    return inner.from.startsWith(outer.prefix) && inner.to.startsWith(outer.prefix);
  }
  const len = outer.from.length;
  if (inner.kind === 'range') return inner.from.length === len && inner.from >= outer.from && inner.to <= outer.to;
  return inner.prefix.length <= len && low(inner.prefix, len) >= outer.from && high(inner.prefix, len) <= outer.to;
}

/** Some code is matched by both. */
export function overlaps(a: PostcodeMatcher, b: PostcodeMatcher): boolean {
  if (a.kind === 'prefix' && b.kind === 'prefix') return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  if (a.kind === 'range' && b.kind === 'range')
    return a.from.length === b.from.length && a.from <= b.to && b.from <= a.to;
  const [p, r] =
    a.kind === 'prefix'
      ? [a, b as Extract<PostcodeMatcher, { kind: 'range' }>]
      : [b as Extract<PostcodeMatcher, { kind: 'prefix' }>, a];
  const len = r.from.length;
  return p.prefix.length <= len && low(p.prefix, len) <= r.to && high(p.prefix, len) >= r.from;
}

export const describeMatcher = (m: PostcodeMatcher): string =>
  m.kind === 'prefix' ? `${m.prefix}…` : `${m.from}..${m.to}`;

/**
 * Nesting depth of each matcher: how many others strictly contain it. Where two matchers both match a code and a
 * card was accepted, one lies inside the other (partial overlaps are refused on import), so the deeper one is the
 * more specific. O(n²) per country: a few thousand rows take milliseconds, once per import.
 */
export function nestingDepths(ms: PostcodeMatcher[]): number[] {
  return ms.map((m, i) => {
    let depth = 0;
    for (let j = 0; j < ms.length; j++) {
      const o = ms[j]!;
      if (j !== i && contains(o, m) && !contains(m, o)) depth++;
    }
    return depth;
  });
}
