import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { listCustomFields } from '../../crm/index.ts';
import { leadMagnets } from '../magnets/schema.ts';
import type { TFormCreate } from './contracts.ts';
import { listOptIns } from './form-row.ts';
import type { FormField } from './schema.ts';

/**
 * Checks what a form refers to before it is saved, collecting every problem: fields (email present, no duplicates,
 * custom fields that exist, every custom field the CRM requires asked for — or no submission could create a
 * contact), lists and lead magnet of this workspace.
 */
export async function validateFormRefs(
  db: DbOrTx,
  workspaceId: string,
  input: Pick<TFormCreate, 'fields' | 'listIds' | 'leadMagnetId'>,
): Promise<{ fields?: FormField[] }> {
  const errors: FieldError[] = [];
  const out: { fields?: FormField[] } = {};
  if (input.fields) {
    const seen = new Set<string>();
    const defs = await listCustomFields({ db, workspaceId, entity: 'contact' });
    const known = new Set(defs.map((d) => d.key));
    input.fields.forEach((f, i) => {
      if (seen.has(f.key)) errors.push({ field: `fields.${i}.key`, message: `${f.key} is asked twice` });
      seen.add(f.key);
      if (f.key.startsWith('custom.') && !known.has(f.key.slice(7)))
        errors.push({ field: `fields.${i}.key`, message: `${f.key.slice(7)} is not a custom field of your contacts` });
    });
    if (!seen.has('email')) errors.push({ field: 'fields', message: 'a form must ask for the email address' });
    for (const d of defs)
      if (d.required && !seen.has(`custom.${d.key}`))
        errors.push({
          field: 'fields',
          message: `your contacts require the custom field "${d.label}": add it to the form (custom.${d.key})`,
        });
    out.fields = input.fields.map((f) => ({
      key: f.key,
      label: f.label,
      // Email is what the form is for; a required custom field must be required here too.
      required:
        f.key === 'email' ||
        f.required ||
        (f.key.startsWith('custom.') && defs.some((d) => d.key === f.key.slice(7) && d.required)),
      placeholder: f.placeholder ?? null,
    }));
  }
  if (input.listIds?.length) {
    const found = await listOptIns(db, workspaceId, input.listIds);
    input.listIds.forEach((l, i) => {
      if (!found.has(l)) errors.push({ field: `listIds.${i}`, message: 'no such list in this workspace' });
    });
  }
  if (input.leadMagnetId) {
    const [m] = await db
      .select({ id: leadMagnets.id })
      .from(leadMagnets)
      .where(and(eq(leadMagnets.workspaceId, workspaceId), eq(leadMagnets.id, input.leadMagnetId)));
    if (!m) errors.push({ field: 'leadMagnetId', message: 'no such lead magnet in this workspace' });
  }
  if (errors.length) throw AppError.validation(errors);
  return out;
}
