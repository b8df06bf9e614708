import { Drop, filters, Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { fastPlan, renderFast } from './liquid-fast.ts';
import { toCharRefs } from './wire-html.ts';

// Engines configured like render.ts's: HTML escaping (and ASCII for the wire), and plain text.
type FilterThis = ThisParameterType<typeof filters.escape>;
const escapeFilter = filters.escape as (this: FilterThis, v: unknown) => string;
const engines = {
  html: new Liquid({ strictFilters: true, outputEscape: 'escape' }),
  wire: new Liquid({
    strictFilters: true,
    outputEscape(this: FilterThis, v: unknown) {
      return toCharRefs(escapeFilter.call(this, v));
    },
  }),
  plain: new Liquid({ strictFilters: true }),
};

const OUTPUTS = [
  'Hi {{ contact.first_name | default: "there" }}!',
  '{{ contact.first_name }} {{ contact.last_name }}',
  '{{ contact.tags }}|{{ contact.tags.size }}|{{ contact.tags.first }}|{{ contact.tags.last }}|{{ contact.tags[1] }}',
  '{{ contact.custom["industry name"] }}/{{ contact.custom.n | default: 0 }}/{{ contact.custom.nested.deep }}',
  '{{ "literal <b>" }}{{ 42 }}{{ true }}{{ false | default: "f" }}',
  '{{ contact.constructor }}{{ toString }}{{ contact.__proto__ }}{{ contact.x.y.z }}',
  '{{ contact.name | upcase | append: "!" }}{{ contact.name | truncate: 5 }}{{ contact.email | escape }}',
  '{{ contact.name | size }}{{ contact.name.size }}{{ contact.custom }}{{ contact.custom.size }}',
  '<a href="https://shop.example/?e={{ contact.email | url_encode }}">{{ workspace.name | default: "Shop" }}</a>',
];

const VALUES: unknown[] = [
  null,
  undefined,
  '',
  'Zoë',
  'José <script>alert(1)</script> & "friends" \'too\'',
  'tab\there\u0001ctl 😀 𝔘',
  0,
  1.5,
  Number.NaN,
  false,
  true,
  [],
  ['a', 'b', 3],
  [['nested'], null],
  { size: 7, first: 'F', last: 'L' },
  { a: 1 },
];

function contactWith(i: number) {
  const v = (k: number) => VALUES[(i + k * 7) % VALUES.length];
  return {
    contact: {
      first_name: v(0),
      last_name: v(1),
      name: typeof v(2) === 'string' ? v(2) : 'Anna Lee',
      email: 'anna+x@example.com',
      tags: i % 3 ? ['vip', 'b2b', 'x<y'] : v(3),
      custom: { 'industry name': v(4), n: v(5), nested: i % 2 ? { deep: v(6) } : v(6) },
    },
    workspace: { name: v(7) },
  };
}

describe('the fast Liquid path renders exactly what LiquidJS renders', () => {
  for (const [name, engine] of Object.entries(engines)) {
    it(`for outputs with property paths and literal filter arguments (${name} engine)`, () => {
      let compared = 0;
      for (const src of OUTPUTS) {
        const tpl = engine.parse(src);
        const plan = fastPlan(tpl, engine);
        expect(plan, src).not.toBeNull();
        for (let i = 0; i < VALUES.length * 3; i++) {
          const vars = contactWith(i);
          expect(renderFast(plan!, engine, vars), `${src} with ${JSON.stringify(vars)}`).toBe(
            engine.renderSync(tpl, vars),
          );
          compared++;
        }
      }
      expect(compared).toBe(OUTPUTS.length * VALUES.length * 3);
    });
  }

  it('leaves to LiquidJS the templates it does not cover', () => {
    const engine = engines.html;
    for (const src of [
      '{% if a %}x{% endif %}',
      '{{ a | default: b }}',
      '{{ a | default: "x", allow_false: true }}',
      '{{ a[b] }}',
      '{{ (1..3) }}',
      '{{ nil }}',
      '{{ empty }}',
    ]) {
      expect(fastPlan(engine.parse(src), engine), src).toBeNull();
    }
  });

  it('leaves to LiquidJS the data it does not cover: drops, errors', () => {
    const engine = engines.html;
    const tpl = engine.parse('{{ a.b }}');
    const plan = fastPlan(tpl, engine)!;
    class Shout extends Drop {
      override valueOf() {
        return 'HI';
      }
    }
    // A function in the data is called by LiquidJS's own property read, on either path.
    expect(renderFast(plan, engine, { a: { b: () => 'called' } })).toBe('called');
    expect(renderFast(plan, engine, { a: { b: () => new Shout() } })).toBeNull();
    expect(renderFast(plan, engine, { a: { b: new Shout() } })).toBeNull();
    expect(engine.renderSync(tpl, { a: { b: new Shout() } })).toBe('HI');
    // Over the memory limit: LiquidJS raises its own error, the fast path steps aside for it.
    const small = new Liquid({ outputEscape: 'escape', memoryLimit: 10 });
    const t2 = small.parse('{{ a }}');
    expect(renderFast(fastPlan(t2, small)!, small, { a: 'x'.repeat(100) })).toBeNull();
    expect(() => small.renderSync(t2, { a: 'x'.repeat(100) })).toThrow(/memory/);
  });
});
