import type pg from 'pg';
import { newId } from '../../../platform/ids.ts';
import type { SourceTouch } from '../schema.ts';

export type CompanyRef = { id: string; name: string };

/**
 * Finds or creates, in two statements for the whole batch, the companies named by the rows and not already resolved
 * by an earlier batch of the run (a file names the same few companies over and over). Names match the way the
 * contact form matches them (case- and accent-insensitively, by PostgreSQL's own `f_unaccent(lower())`), and the
 * oldest company wins when several already share a name; a new one is named as first written in the file.
 */
export async function resolveCompanies(
  client: pg.PoolClient,
  workspaceId: string,
  allNames: string[],
  opts: {
    source: SourceTouch;
    companyCache: Map<string, CompanyRef>;
    companyStaged: Map<string, CompanyRef>;
  },
): Promise<Map<string, CompanyRef>> {
  const out = new Map<string, CompanyRef>();
  const names: string[] = [];
  for (const n of allNames) {
    const hit = opts.companyCache.get(n);
    if (hit) out.set(n, hit);
    else names.push(n);
  }
  if (!names.length) return out;
  const found = await client.query<{ input: string; key: string; id: string | null; name: string | null }>(
    `select distinct on (i.ord) i.name as input, f_unaccent(lower(i.name)) as key, c.id, c.name
       from unnest($2::text[]) with ordinality as i(name, ord)
       left join companies c on c.workspace_id = $1 and f_unaccent(lower(c.name)) = f_unaccent(lower(i.name))
      order by i.ord, c.id`,
    [workspaceId, [...new Set(names)]],
  );
  const missingByKey = new Map<string, { id: string; name: string; inputs: string[] }>();
  for (const r of found.rows) {
    if (r.id && r.name) {
      out.set(r.input, { id: r.id, name: r.name });
      opts.companyStaged.set(r.input, { id: r.id, name: r.name });
      continue;
    }
    const m = missingByKey.get(r.key);
    if (m) m.inputs.push(r.input);
    else missingByKey.set(r.key, { id: newId(), name: r.input, inputs: [r.input] });
  }
  if (missingByKey.size) {
    const created = [...missingByKey.values()];
    await client.query(
      `insert into companies (workspace_id, id, name, first_source, latest_source)
       select $1, t.id, t.name, $4::jsonb, $4::jsonb from unnest($2::uuid[], $3::text[]) as t(id, name)`,
      [workspaceId, created.map((c) => c.id), created.map((c) => c.name), JSON.stringify(opts.source)],
    );
    for (const c of created)
      for (const input of c.inputs) {
        out.set(input, { id: c.id, name: c.name });
        opts.companyStaged.set(input, { id: c.id, name: c.name });
      }
  }
  return out;
}
