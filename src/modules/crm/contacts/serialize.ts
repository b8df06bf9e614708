import { contacts } from '../schema.ts';

/** Every column but the search vector, which is large and internal. */
export const contactColumns = {
  id: contacts.id,
  workspaceId: contacts.workspaceId,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  emails: contacts.emails,
  phones: contacts.phones,
  title: contacts.title,
  companyId: contacts.companyId,
  companyName: contacts.companyName,
  address: contacts.address,
  country: contacts.country,
  language: contacts.language,
  timezone: contacts.timezone,
  website: contacts.website,
  social: contacts.social,
  tags: contacts.tags,
  ownerId: contacts.ownerId,
  lifecycleStage: contacts.lifecycleStage,
  custom: contacts.custom,
  firstSource: contacts.firstSource,
  latestSource: contacts.latestSource,
  sourceChannel: contacts.sourceChannel,
  mergedIntoId: contacts.mergedIntoId,
  erasedAt: contacts.erasedAt,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};

export type ContactRow = Omit<typeof contacts.$inferSelect, 'search'>;

export function displayName(c: Pick<ContactRow, 'firstName' | 'lastName' | 'emails' | 'phones'>): string {
  const n = [c.firstName, c.lastName].filter(Boolean).join(' ').trim();
  return n || c.emails[0] || c.phones[0] || '(no name)';
}

export function toContact(r: ContactRow) {
  return {
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    name: displayName(r),
    emails: r.emails,
    phones: r.phones,
    title: r.title,
    companyId: r.companyId,
    companyName: r.companyName,
    address: r.address,
    language: r.language,
    timezone: r.timezone,
    website: r.website,
    social: r.social,
    tags: r.tags,
    ownerId: r.ownerId,
    lifecycleStage: r.lifecycleStage,
    custom: r.custom,
    source: { first: r.firstSource, latest: r.latestSource },
    mergedIntoId: r.mergedIntoId,
    erasedAt: r.erasedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type Contact = ReturnType<typeof toContact>;
