import type { CustomField } from '../types.ts';

// The fields a column can fill (src/modules/crm/import/mapping.ts); the server's list wins when it sends one.
export const CONTACT_TARGETS = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'company',
  'title',
  'country',
  'city',
  'region',
  'postcode',
  'street',
  'website',
  'linkedin',
  'tags',
  'notes',
  'language',
  'lifecycleStage',
] as const;

export const COMPANY_TARGETS = [
  'name',
  'domain',
  'website',
  'email',
  'phone',
  'industry',
  'country',
  'city',
  'region',
  'postcode',
  'street',
  'linkedin',
  'tags',
  'notes',
] as const;

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

/**
 * "Trade show: Canton Fair 2026" → channel + name, the way the server reads a source label (contracts/common.ts),
 * so the form can show what will be recorded before the import starts.
 */
const ALIASES: Record<string, string> = {
  trade_show: 'trade_show',
  tradeshow: 'trade_show',
  fair: 'trade_show',
  exhibition: 'trade_show',
  b2b_platform: 'b2b_platform',
  b2b: 'b2b_platform',
  alibaba: 'b2b_platform',
  website: 'website_form',
  website_form: 'website_form',
  form: 'website_form',
  referral: 'referral_partner',
  referral_partner: 'referral_partner',
  partner: 'referral_partner',
  social: 'social',
  linkedin: 'social',
  email: 'email',
  event: 'event',
  webinar: 'event',
  ads: 'advertising',
  advertising: 'advertising',
  marketplace: 'marketplace',
  import: 'import',
  manual: 'manual',
  api: 'api',
  other: 'other',
};

export function parseSourceLabel(label: string): { channel: string; name: string | null } {
  const [head, ...rest] = label.split(':');
  const key = (head ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const channel = ALIASES[key];
  if (channel && rest.length) return { channel, name: rest.join(':').trim() || null };
  if (channel) return { channel, name: null };
  return { channel: 'other', name: label.trim() || null };
}
