import type { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { ZCompanyListQuery } from '../companies/contracts.ts';
import { ZContactListQuery } from '../contacts/contracts.ts';
import { ZDealListQuery } from '../deals/contracts.ts';
import type { ViewEntity } from './contracts.ts';

// Paging is the list's business at the time of use, not part of a saved filter.
const schemas: Record<ViewEntity, z.ZodObject> = {
  contact: ZContactListQuery.omit({ limit: true, cursor: true }).strict(),
  company: ZCompanyListQuery.omit({ limit: true, cursor: true }).strict(),
  deal: ZDealListQuery.omit({ limit: true, cursor: true }).strict(),
};

/**
 * A saved view must replay as a valid list request, so it is checked against that list's own query schema; the
 * object is stored as given (strings as typed), which is what the UI puts back in the address bar.
 */
export function validateViewQuery(entity: ViewEntity, query: Record<string, unknown>): FieldError[] {
  const asQueryString = Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v]),
  );
  const r = schemas[entity].safeParse(asQueryString);
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const key = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.');
    const message = i.code === 'unrecognized_keys' ? `is not a filter of the ${entity} list` : i.message;
    return { field: key ? `query.${key}` : 'query', message };
  });
}
