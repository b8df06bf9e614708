import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';

// Payloads of /api/v1/lists and /api/v1/segments (src/modules/audience/lists|segments/contracts.ts), dates as strings.

export type MembershipStatus = 'pending' | 'subscribed' | 'unsubscribed';
export const MEMBERSHIP_STATUSES: readonly MembershipStatus[] = ['subscribed', 'pending', 'unsubscribed'];

export type AudienceList = {
  id: string;
  name: string;
  description: string | null;
  visibility: 'public' | 'private';
  doubleOptIn: boolean;
  counts: Record<MembershipStatus, number>;
  createdAt: string;
  updatedAt: string;
};

export type ListMember = {
  contactId: string;
  name: string;
  email: string | null;
  status: MembershipStatus;
  source: string | null;
  formId: string | null;
  subscribedAt: string | null;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type MembersAdded = { changed: number; unchanged: number; contactsCreated: number; contactIds: string[] };

export const audienceKeys = {
  lists: ['audience-lists'] as const,
  list: (id: string) => ['audience-lists', 'one', id] as const,
  members: (id: string) => ['audience-lists', 'members', id] as const,
  segments: ['segments'] as const,
  segment: (id: string) => ['segments', 'one', id] as const,
  segmentCount: (id: string) => ['segments', 'count', id] as const,
};

export const STATUS_COLORS: Record<MembershipStatus, string> = {
  subscribed: 'teal',
  pending: 'yellow',
  unsubscribed: 'gray',
};

/** Every list of the workspace (lists are few: one page of 500). */
export function useAudienceLists() {
  return useQuery({
    queryKey: audienceKeys.lists,
    queryFn: () => api.get<Page<AudienceList>>('/lists', { limit: 500 }),
    select: (r) => r.data,
  });
}
