// A bulk send renders the same template for every recipient, and almost every email template is literal HTML with
// `{{ contact.first_name | default: "there" }}`-style outputs in it. LiquidJS renders each output through half a dozen
// nested generators; driving them cost more than everything else in rendering (the campaign bench: ~125 µs a message
// on a 2 GHz core, a quarter of it in the generator driver alone). For templates made only of such outputs, this
// renders the same string with LiquidJS's own scope look-up (Context.findScope, Context.readProperty) and its own
// filter functions, called directly. Whatever it is not sure of — a tag, a filter argument that is a variable, data
// that is not plain (a function, a Drop), any error — goes to LiquidJS itself, so the result is always LiquidJS's.
import { Context, Drop, type Liquid, Output, type Template, TokenKind, toValue } from 'liquidjs';

type Literal = string | number | boolean | null | undefined;
type FilterStep = {
  handler: (this: unknown, value: unknown, ...args: unknown[]) => unknown;
  args: Literal[];
  token: unknown;
};
type OutputStep = { path: Literal[] | null; literal: Literal; filters: FilterStep[] };
export type FastPlan = (string | OutputStep)[];

// The parts of LiquidJS's template objects read here; its typings do not expose them (they are stable across v10).
type TokenShape = { kind: number; content?: Literal; variable?: unknown; props?: TokenShape[] };
type OutputShape = {
  value: {
    initial: { postfix: TokenShape[] };
    filters: { handler: FilterStep['handler']; args: unknown[]; token: unknown; raw: boolean }[];
  };
};

// Private in LiquidJS's typings, public at runtime: what its own `Context._get` calls first.
type ContextInternals = { findScope(key: string): object };

const plans = new WeakMap<Template[], FastPlan | null>();

/** The plan for a parsed template, or null when some part of it needs LiquidJS (made once per template). */
export function fastPlan(templates: Template[], engine: Liquid): FastPlan | null {
  let plan = plans.get(templates);
  if (plan === undefined) {
    plan = makePlan(templates, engine);
    plans.set(templates, plan);
  }
  return plan;
}

function makePlan(templates: Template[], engine: Liquid): FastPlan | null {
  // With strict variables a missing one is an error whose message LiquidJS builds; leave all of it to LiquidJS.
  if (engine.options.strictVariables) return null;
  const plan: FastPlan = [];
  for (const t of templates) {
    if (t.token.kind === TokenKind.HTML && typeof (t as unknown as { str?: unknown }).str === 'string') {
      plan.push((t as unknown as { str: string }).str);
      continue;
    }
    if (!(t instanceof Output)) return null;
    const { initial, filters } = (t as unknown as OutputShape).value;
    if (initial.postfix.length !== 1) return null;
    const first = initial.postfix[0]!;
    let path: Literal[] | null = null;
    let literal: Literal;
    if ('content' in first) {
      literal = first.content;
      // `nil`, `empty`, `blank` are drops with comparison rules of their own.
      if (!plain(literal)) return null;
    } else if (first.kind === TokenKind.PropertyAccess && !first.variable && first.props?.length) {
      if (!first.props.every((p) => 'content' in p)) return null;
      path = first.props.map((p) => toValue(p.content) as Literal);
    } else return null;
    const steps: FilterStep[] = [];
    for (const f of filters) {
      // Generator filters are driven by LiquidJS's renderer; key-value arguments (allow_false: true) are left to it too.
      if (f.handler.constructor.name !== 'Function') return null;
      if (!f.args.every((a) => !Array.isArray(a) && typeof a === 'object' && a !== null && 'content' in a)) return null;
      steps.push({ handler: f.handler, args: f.args.map((a) => (a as { content: Literal }).content), token: f.token });
    }
    plan.push({ path, literal, filters: steps });
  }
  return plan;
}

/** The rendered string, or null when this data needs LiquidJS (the caller then renders with it). */
export function renderFast(plan: FastPlan, engine: Liquid, vars: Record<string, unknown>): string | null {
  try {
    const ctx = new Context(vars, engine.options, { sync: true }, { liquid: engine });
    const self = { context: ctx, liquid: engine, token: undefined as unknown };
    let out = '';
    for (const step of plan) {
      if (typeof step === 'string') {
        out += step;
        continue;
      }
      let v: unknown = step.literal;
      if (step.path) {
        // What Context._get does, without its generator: the scope that has the first name, then one property a step.
        v = (ctx as unknown as ContextInternals).findScope(step.path[0] as string);
        for (const key of step.path) {
          v = ctx.readProperty(v as object, key as string);
          if (!plain(v)) return null;
        }
      }
      for (const f of step.filters) {
        self.token = f.token;
        v = f.handler.apply(self, [v, ...f.args]);
        if (!plain(v)) return null;
      }
      out += stringify(v);
    }
    return out;
  } catch {
    // LiquidJS will raise the same error with its own wording and position.
    return null;
  }
}

/** Data LiquidJS would pass through as it is: no generator to drive, no promise, no Drop with its own rules. */
function plain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function';
  if (v instanceof Drop || v instanceof Promise) return false;
  return (
    typeof (v as { next?: unknown }).next !== 'function' && typeof (v as { toLiquid?: unknown }).toLiquid !== 'function'
  );
}

/** LiquidJS's output stringification: nil → '', arrays joined without a separator, the rest String(). */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v == null) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}
