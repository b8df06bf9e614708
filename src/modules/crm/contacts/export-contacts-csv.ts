import type { DbOrTx } from '../../../platform/db/client.ts';
import type { TContactListQuery } from './contracts.ts';
import { iterateContacts } from './list-contacts.ts';
import type { Contact } from './serialize.ts';

/**
 * A cell a spreadsheet would run as a formula (`= + - @`, and tab/CR which some apps also treat so) gets a leading
 * apostrophe — OWASP's advice against CSV injection.
 */
export function csvCell(v: unknown): string {
  let s =
    v === null || v === undefined
      ? ''
      : Array.isArray(v)
        ? v.join('; ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const COLUMNS: [string, (c: Contact) => unknown][] = [
  ['id', (c) => c.id],
  ['first_name', (c) => c.firstName],
  ['last_name', (c) => c.lastName],
  ['emails', (c) => c.emails],
  ['phones', (c) => c.phones],
  ['title', (c) => c.title],
  ['company', (c) => c.companyName],
  ['street', (c) => c.address.street],
  ['city', (c) => c.address.city],
  ['region', (c) => c.address.region],
  ['postcode', (c) => c.address.postcode],
  ['country', (c) => c.address.country],
  ['language', (c) => c.language],
  ['timezone', (c) => c.timezone],
  ['website', (c) => c.website],
  ['tags', (c) => c.tags],
  ['lifecycle_stage', (c) => c.lifecycleStage],
  ['source_channel', (c) => c.source.first?.channel],
  ['source_name', (c) => c.source.first?.name],
  ['source_campaign', (c) => c.source.first?.campaign],
  ['created_at', (c) => c.createdAt.toISOString()],
];

/** Yields the CSV of a filtered contact list line by line: streams straight to the response. */
export async function* exportContactsCsv(
  db: DbOrTx,
  workspaceId: string,
  query: Omit<TContactListQuery, 'limit' | 'cursor'>,
  customKeys: string[],
): AsyncGenerator<string> {
  yield `\uFEFF${[...COLUMNS.map(([h]) => h), ...customKeys.map((k) => `custom.${k}`)].join(',')}\r\n`;
  for await (const c of iterateContacts(db, workspaceId, query)) {
    yield `${[...COLUMNS.map(([, f]) => csvCell(f(c))), ...customKeys.map((k) => csvCell(c.custom[k]))].join(',')}\r\n`;
  }
}
