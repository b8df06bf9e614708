import { COMPANY_TARGETS, CONTACT_TARGETS } from '../../../../../src/modules/crm/vocabulary.ts';
import type { CustomField } from '../types.ts';

export { COMPANY_TARGETS, CONTACT_TARGETS };

export const IGNORE = 'ignore';

/** Targets that may take several columns (two email columns both become emails). */
export const MULTI_TARGETS = new Set(['email', 'phone', 'tags', 'notes']);

export type TargetOption = { value: string; label: string; group: 'standard' | 'custom' };

export function targetOptions(
  entity: 'contact' | 'company',
  custom: CustomField[],
  label: (key: string) => string,
  serverTargets?: { key: string; label: string }[],
): TargetOption[] {
  const standard: TargetOption[] = serverTargets?.length
    ? serverTargets
        .filter((x) => !x.key.startsWith('custom.'))
        .map((x) => ({ value: x.key, label: x.label, group: 'standard' as const }))
    : (entity === 'contact' ? CONTACT_TARGETS : COMPANY_TARGETS).map((k) => ({
        value: k,
        label: label(k),
        group: 'standard' as const,
      }));
  const customOpts: TargetOption[] = custom
    .filter((f) => f.entity === entity)
    .map((f) => ({ value: `custom.${f.key}`, label: f.label, group: 'custom' as const }));
  return [...standard, ...customOpts];
}

export { parseSourceLabel } from '../../../../../src/modules/crm/vocabulary.ts';
