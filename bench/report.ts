// Renders every bench/results/*.json into the table of docs/benchmarks.md, between `<!-- bench:start -->` and
// `<!-- bench:end -->`. Generic: any result file of the shape {name, date, machine, params, results[], floor?, ratio?}
// appears (bench/import.ts's too); a file it cannot read is named with the reason instead of breaking the report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log, RESULTS_DIR, ROOT_DIR } from './lib/common.ts';

export const DOC = path.join(ROOT_DIR, 'docs', 'benchmarks.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
/** Known benchmarks first, in this order; any other after them, by name. */
const ORDER = ['import', 'search', 'api'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function fmt(v: Json | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '—';
    if (v !== 0 && Math.abs(v) < 0.1) return v.toLocaleString('en', { maximumSignificantDigits: 2 });
    return v.toLocaleString('en', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return esc(v);
  return esc(JSON.stringify(v));
}

/** `p99_ms` → `p99 (ms)`, `p97_5_ms` → `p97.5 (ms)`, `rows_per_s` → `rows/s`, `peakRss` → `peak rss`. */
export function header(key: string): string {
  const unit = /_(ms|s|mb|MB|per_s)$/.exec(key);
  const base = unit ? key.slice(0, -unit[0].length) : key;
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/(\d)_(\d)/g, '$1.$2')
    .replace(/_/g, ' ')
    .toLowerCase();
  if (!unit) return words;
  return unit[1] === 'per_s' ? `${words}/s` : `${words} (${unit[1]})`;
}

function table(rows: Obj[]): string[] {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  if (!keys.length) return ['_(no rows)_'];
  const numeric = keys.map((k) => rows.every((r) => r[k] === null || r[k] === undefined || typeof r[k] === 'number'));
  return [
    `| ${keys.map(header).join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${keys.map((k) => fmt(r[k])).join(' | ')} |`),
  ];
}

function inline(o: Obj): string {
  return Object.entries(o)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
}

function section(file: string, r: Obj): string[] {
  const name = typeof r.name === 'string' ? r.name : path.basename(file, '.json');
  const title = typeof r.title === 'string' ? r.title : name;
  const out: string[] = [`### ${esc(title)}`, ''];
  const m = isObj(r.machine) ? r.machine : {};
  const date = typeof r.date === 'string' ? r.date.replace('T', ' ').slice(0, 16) : '?';
  const facts = [
    `\`bench/results/${path.basename(file)}\``,
    `run ${date} UTC`,
    `${fmt(m.cpus)} CPUs${typeof m.cpuModel === 'string' ? ` (${esc(m.cpuModel)})` : ''}${typeof m.memGB === 'number' ? `, ${m.memGB} GB` : ''}`,
    `Node ${fmt(m.node)}`,
    `${fmt(m.pg)}`,
  ];
  if (typeof r.peakRssMB === 'number') facts.push(`peak RSS ${fmt(r.peakRssMB)} MB`);
  if (typeof r.durationS === 'number') facts.push(`took ${fmt(r.durationS)} s`);
  out.push(facts.join(' · '), '');
  if (typeof m.note === 'string' || Array.isArray(m.loadavg)) {
    const load = Array.isArray(m.loadavg) ? ` (load average at start: ${m.loadavg.map(fmt).join(' / ')})` : '';
    out.push(`> Machine: ${fmt(typeof m.note === 'string' ? m.note : '')}${load}.`, '');
  }
  if (typeof r.aim === 'string') {
    out.push(`**Aim:** ${esc(r.aim)}${typeof r.verdict === 'string' ? ` — **${esc(r.verdict)}**` : ''}`, '');
  }
  const rows = Array.isArray(r.results) ? r.results.filter(isObj) : [];
  out.push(...table(rows), '');
  if (isObj(r.floor)) {
    const { name: floorName, ...rest } = r.floor;
    out.push(`**Floor:** ${fmt(floorName ?? 'floor')}${Object.keys(rest).length ? ` — ${inline(rest)}` : ''}`, '');
  } else if (r.floor !== undefined && r.floor !== null) {
    out.push(`**Floor:** ${fmt(r.floor)}`, '');
  }
  if (typeof r.ratio === 'number') out.push(`**Ratio (ours / floor):** ${fmt(r.ratio)}`, '');
  else if (isObj(r.ratio)) out.push(`**Ratio (ours / floor):** ${inline(r.ratio)}`, '');
  if (isObj(r.params)) out.push(`Parameters: ${inline(r.params)}.`, '');
  if (Array.isArray(r.notes)) {
    for (const n of r.notes) out.push(`- ${fmt(n)}`);
    out.push('');
  }
  return out;
}

export function render(dir = RESULTS_DIR): string {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort((a, b) => {
          const rank = (f: string) => {
            const i = ORDER.indexOf(f.replace(/\.json$/, '').replace(/-.*$/, ''));
            return i < 0 ? ORDER.length : i;
          };
          return rank(a) - rank(b) || a.localeCompare(b);
        })
    : [];
  const out: string[] = [
    START,
    '',
    '_Generated by `npm run bench -- report` from `bench/results/*.json`; do not edit between these markers._',
    '',
  ];
  if (!files.length) out.push('_No results yet: run a benchmark._', '');
  for (const f of files) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Json;
      if (!isObj(parsed)) throw new Error('not a JSON object');
      out.push(...section(f, parsed));
    } catch (err) {
      out.push(`### ${f}`, '', `_Could not read: ${fmt(err instanceof Error ? err.message : String(err))}_`, '');
    }
  }
  out.push(END);
  return out.join('\n');
}

export async function main(): Promise<void> {
  const block = render();
  const doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const next = a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  fs.writeFileSync(DOC, next);
  // The repository's formatter aligns Markdown tables when it checks Markdown (biome.json decides); keep it clean.
  const biome = path.join(ROOT_DIR, 'node_modules', '.bin', 'biome');
  const f = spawnSync(biome, ['format', '--write', '--no-errors-on-unmatched', DOC], { stdio: 'ignore' });
  if (f.status !== 0)
    log(`biome format did not run on ${path.relative(ROOT_DIR, DOC)} (exit ${f.status ?? f.error?.message})`);
  log(`updated ${path.relative(ROOT_DIR, DOC)}`);
}
