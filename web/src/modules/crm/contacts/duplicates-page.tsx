import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowsJoin, IconCopyCheck } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { DuplicateContact, DuplicatePair, DuplicateReason } from '../types.ts';
import { useMerge } from './use-merge.ts';

function Side({ c }: { c: DuplicateContact }) {
  const f = useFormat();
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/contacts/${c.id}`} fw={600}>
        {c.name}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {[c.emails.join(', '), c.phones.join(', ')].filter(Boolean).join(' · ') || '—'}
      </Text>
      <Text size="xs" c="dimmed">
        {[c.companyName, f.date(c.createdAt)].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

function ReasonBadge({ r }: { r: DuplicateReason }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="orange" tt="none">
      {t(`duplicates.reasons.${r.reason}`, {
        value: r.value ?? '',
        similarity: Math.round((r.similarity ?? 0) * 100),
      })}
    </Badge>
  );
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const pairs = useInfiniteQuery({
    queryKey: keys.duplicates,
    queryFn: ({ pageParam }) => api.get<Page<DuplicatePair>>('/duplicates', { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const merge = useMerge();
  const list = pairs.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ label: t('contacts.title'), to: '/contacts' }]}
        title={t('duplicates.title')}
        description={t('duplicates.subtitle')}
      />
      {pairs.isPending ? (
        <PageLoader />
      ) : pairs.isError ? (
        <QueryError error={pairs.error} onRetry={() => pairs.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<IconCopyCheck size={28} />}
          title={t('duplicates.emptyTitle')}
          description={t('duplicates.emptyDescription')}
        />
      ) : (
        <Stack maw={980}>
          {list.map((p) => {
            const [a, b] = p.contacts;
            return (
              <Card key={`${a.id}-${b.id}`}>
                <Group gap={6} mb="sm">
                  {p.reasons.map((r) => (
                    <ReasonBadge key={`${r.reason}-${r.value ?? ''}`} r={r} />
                  ))}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {[
                    [a, b],
                    [b, a],
                  ].map(([keep, other]) =>
                    keep && other ? (
                      <Stack gap="xs" key={keep.id}>
                        <Side c={keep} />
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconArrowsJoin size={14} />}
                          style={{ alignSelf: 'flex-start' }}
                          loading={merge.isPending && merge.variables?.keepId === keep.id}
                          onClick={() => merge.mutate({ keepId: keep.id, otherId: other.id, otherName: other.name })}
                        >
                          {t('duplicates.keepThis')}
                        </Button>
                      </Stack>
                    ) : null,
                  )}
                </SimpleGrid>
              </Card>
            );
          })}
          {pairs.hasNextPage && (
            <Button variant="subtle" onClick={() => pairs.fetchNextPage()} loading={pairs.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
