import { z } from 'zod';

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

export const MEMBERSHIP_STATUSES = ['pending', 'subscribed', 'unsubscribed'] as const;
export const ZMembershipStatus = z.enum(MEMBERSHIP_STATUSES);

export const ZListCounts = z
  .object({
    subscribed: z.number().int(),
    pending: z.number().int().describe('Waiting for the double opt-in confirmation'),
    unsubscribed: z.number().int(),
  })
  .meta({ id: 'ListCounts' });

export const ZList = z
  .object({
    id,
    name: z.string(),
    description: z.string().nullable(),
    visibility: z.enum(['public', 'private']).describe('Public lists appear in the preference centre'),
    doubleOptIn: z.boolean(),
    counts: ZListCounts.describe('Members by status (merged and erased contacts are not counted)'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'AudienceList' });
export type TList = z.infer<typeof ZList>;

export const ZListCreate = z
  .object({
    name: text(120).min(1).describe('Unique in the workspace (case aside)'),
    description: text(2000).nullish(),
    visibility: z.enum(['public', 'private']).default('public'),
    doubleOptIn: z.boolean().default(true).describe('Sign-ups from forms must confirm by email first'),
  })
  .meta({ id: 'AudienceListCreate' });
export type TListCreate = z.infer<typeof ZListCreate>;

export const ZListUpdate = z
  .object({
    name: text(120).min(1).optional(),
    description: text(2000).nullish(),
    visibility: z.enum(['public', 'private']).optional(),
    doubleOptIn: z.boolean().optional(),
  })
  .meta({ id: 'AudienceListUpdate' });
export type TListUpdate = z.infer<typeof ZListUpdate>;

export const ZListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Part of the name'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export const ZMember = z
  .object({
    contactId: id,
    name: z.string(),
    email: z.string().nullable().describe('Primary email'),
    status: ZMembershipStatus,
    source: z.string().nullable(),
    formId: id.nullable(),
    subscribedAt: z.date().nullable(),
    confirmedAt: z.date().nullable(),
    unsubscribedAt: z.date().nullable(),
    createdAt: z.date().describe('When the contact first joined this list (in any status)'),
    updatedAt: z.date(),
  })
  .meta({ id: 'ListMember' });
export type TMember = z.infer<typeof ZMember>;

export const ZMemberQuery = z.object({
  status: ZMembershipStatus.optional(),
  q: z.string().trim().max(200).optional().describe('Part of the email or the name'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TMemberQuery = z.infer<typeof ZMemberQuery>;

export const ZMembersAdd = z
  .object({
    contactIds: z.array(id).max(1000).optional(),
    emails: z
      .array(z.string().trim().max(254))
      .max(1000)
      .optional()
      .describe('Unknown addresses become new contacts (source: manual, or api with an API key)'),
    status: z
      .enum(['subscribed', 'unsubscribed'])
      .default('subscribed')
      .describe('An admin add subscribes directly (no double opt-in): say why in `consent`'),
    consent: z
      .object({
        note: text(1000).min(3).describe('Who gave consent and how, e.g. "signed up at our booth, Canton Fair 2026"'),
        lawfulBasis: text(60).optional().describe('Defaults to consent'),
      })
      .optional()
      .describe('Required when subscribing: recorded as consent evidence on each contact'),
    source: text(200).optional().describe('Shown on the membership, e.g. "Trade show cards"'),
  })
  .meta({ id: 'ListMembersAdd' });
export type TMembersAdd = z.infer<typeof ZMembersAdd>;

export const ZMembersAdded = z
  .object({
    changed: z.number().int().describe('Memberships created or whose status changed'),
    unchanged: z.number().int().describe('Already in that status'),
    contactsCreated: z.number().int().describe('New contacts made for unknown emails'),
    contactIds: z.array(id).describe('Every contact named by the request, in request order (contactIds, then emails)'),
  })
  .meta({ id: 'ListMembersAdded' });

export const ZUnsubscribe = z.object({ reason: text(500).optional() }).meta({ id: 'ListUnsubscribe' });

export const ZListMemberParams = z.object({ id, contactId: id });

export const ZContactListsItem = z
  .object({ listId: id, name: z.string(), status: ZMembershipStatus, updatedAt: z.date() })
  .meta({ id: 'ContactListMembership' });
