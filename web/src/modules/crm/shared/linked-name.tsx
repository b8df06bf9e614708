import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { keys } from '../queries.ts';
import type { Company, Contact } from '../types.ts';

/** The name of a linked contact or company, fetched once and shared through the query cache. */
export function LinkedName({ kind, id }: { kind: 'contact' | 'company'; id: string }) {
  const q = useQuery({
    queryKey: kind === 'contact' ? keys.contact(id) : keys.company(id),
    queryFn: () => api.get<Contact | Company>(`/${kind === 'contact' ? 'contacts' : 'companies'}/${id}`),
    staleTime: 60_000,
    retry: false,
  });
  return (
    <Anchor component={Link} to={`/${kind === 'contact' ? 'contacts' : 'companies'}/${id}`} size="sm">
      {q.data?.name ?? '…'}
    </Anchor>
  );
}
