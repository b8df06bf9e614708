// Payloads of /api/v1/forms and /api/v1/lead-magnets (src/modules/audience/forms/contracts.ts), as the browser
// receives them: dates arrive as ISO strings.
import type { Channel } from '../../crm/types.ts';

export type FormField = { key: string; label: string; required: boolean; placeholder: string | null };

export type AfterSubmit = { kind: 'message'; message: string } | { kind: 'redirect'; url: string };

export type Form = {
  id: string;
  publicId: string;
  name: string;
  title: string;
  description: string | null;
  fields: FormField[];
  consentText: string | null;
  submitLabel: string | null;
  listIds: string[];
  tags: string[];
  source: { channel: Channel; name: string | null; campaign: string | null };
  leadMagnetId: string | null;
  afterSubmit: AfterSubmit;
  confirmSubject: string | null;
  confirmMessage: string | null;
  language: string | null;
  active: boolean;
  doubleOptIn: boolean;
  hostedUrl: string;
  embedCode: string;
  createdAt: string;
  updatedAt: string;
};

export type FormListItem = Form & {
  views: number;
  submissions: number;
  confirmations: number;
  conversionRate: number | null;
};

export type FormStats = {
  views: number;
  submissions: number;
  confirmations: number;
  conversionRate: number | null;
  confirmationRate: number | null;
  daily: { day: string; views: number; submissions: number; confirmations: number }[];
};

export type FormSubmission = {
  id: string;
  contactId: string;
  email: string;
  values: Record<string, unknown>;
  status: 'pending' | 'confirmed' | 'subscribed';
  pageUrl: string | null;
  utm: Record<string, string>;
  createdAt: string;
};

export type LeadMagnet = { id: string; name: string; fileName: string; sizeBytes: number; createdAt: string };

/** The lists endpoint's shape, as far as forms need it. */
export type AudienceListRef = { id: string; name: string; doubleOptIn: boolean; visibility: 'public' | 'private' };

export const STANDARD_KEYS = ['email', 'firstName', 'lastName', 'company', 'phone', 'country'] as const;

export const formKeys = {
  all: ['audience-forms'] as const,
  one: (id: string) => ['audience-forms', 'one', id] as const,
  stats: (id: string) => ['audience-forms', 'stats', id] as const,
  submissions: (id: string) => ['audience-forms', 'submissions', id] as const,
  magnets: ['lead-magnets'] as const,
  lists: ['audience-lists', 'for-forms'] as const,
};
