// The CRM's fixed vocabularies, shared by the server and the web UI (this file imports nothing, so the UI can use it
// without pulling server code into its bundle).

/** Acquisition channels. Fixed, so cost per channel can be computed across workspaces and modules. */
export const CHANNELS = [
  'trade_show',
  'b2b_platform',
  'website_form',
  'referral_partner',
  'social',
  'email',
  'event',
  'advertising',
  'marketplace',
  'import',
  'manual',
  'api',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The fields an imported column can fill. */
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

/**
 * "Trade show: Canton Fair 2026" → { channel: 'trade_show', name: 'Canton Fair 2026' }. A label that names no known
 * channel is kept whole as the name, under `other`.
 */
export function parseSourceLabel(label: string): { channel: Channel; name: string | null } {
  const [head, ...rest] = label.split(':');
  const key = (head ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliases: Record<string, Channel> = {
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
  const channel = aliases[key];
  if (channel && rest.length) return { channel, name: rest.join(':').trim() || null };
  if (channel) return { channel, name: null };
  return { channel: 'other', name: label.trim() || null };
}
