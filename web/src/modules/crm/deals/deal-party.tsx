import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { keys } from '../queries.ts';
import type { Company, Contact, Deal } from '../types.ts';

/** "Jane Doe · Acme" under the deal title; the names come from the shared query cache. */
export function DealParty({ deal }: { deal: Deal }) {
  const contact = useQuery({
    queryKey: keys.contact(deal.contactId ?? 'none'),
    queryFn: () => api.get<Contact>(`/contacts/${deal.contactId}`),
    enabled: !!deal.contactId,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const company = useQuery({
    queryKey: keys.company(deal.companyId ?? 'none'),
    queryFn: () => api.get<Company>(`/companies/${deal.companyId}`),
    enabled: !!deal.companyId,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const parts = [contact.data?.name, company.data?.name ?? contact.data?.companyName].filter(Boolean);
  if (!parts.length) return null;
  return (
    <Text size="xs" c="dimmed" truncate>
      {parts.join(' · ')}
    </Text>
  );
}
