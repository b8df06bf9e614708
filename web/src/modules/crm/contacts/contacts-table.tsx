import { Avatar, Box, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { initials, useFormat } from '../../../lib/format.ts';
import { useLifecycleStages } from '../queries.ts';
import { LifecycleBadge, SourceLabel, TagList } from '../shared/badges.tsx';
import type { Contact } from '../types.ts';

export function ContactsTable({
  contacts,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  stale,
}: {
  contacts: Contact[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (c: Contact) => void;
  stale: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const stages = useLifecycleStages();
  const { ref, entry } = useIntersection({ rootMargin: '400px' });

  // Infinite scroll: the sentinel under the table asks for the next page when it comes near the viewport.
  useEffect(() => {
    if (entry?.isIntersecting && hasMore && !loadingMore) onLoadMore();
  }, [entry?.isIntersecting, hasMore, loadingMore, onLoadMore]);

  return (
    <Paper withBorder style={{ overflow: 'hidden', opacity: stale ? 0.6 : 1, transition: 'opacity 150ms' }}>
      <Table.ScrollContainer minWidth={1100}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t('contacts.title')}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>{t('contacts.fields.name')}</Table.Th>
              <Table.Th>{t('contacts.fields.email')}</Table.Th>
              <Table.Th>{t('contacts.fields.phone')}</Table.Th>
              <Table.Th>{t('contacts.fields.company')}</Table.Th>
              <Table.Th>{t('contacts.fields.lifecycleStage')}</Table.Th>
              <Table.Th>{t('contacts.fields.tags')}</Table.Th>
              <Table.Th>{t('contacts.fields.source')}</Table.Th>
              <Table.Th>{t('contacts.fields.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.map((c) => (
              <Table.Tr
                key={c.id}
                className="fh-clickable-row"
                tabIndex={0}
                onClick={() => onOpen(c)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(c);
                }}
                aria-label={c.name}
              >
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar size={32} radius="xl" color="freehold">
                      {initials(c.name)}
                    </Avatar>
                    <Box style={{ minInlineSize: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        <bdi>{c.name}</bdi>
                      </Text>
                      {c.title && (
                        <Text size="xs" c="dimmed" truncate>
                          <bdi>{c.title}</bdi>
                        </Text>
                      )}
                    </Box>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={220}>
                    <bdi>{c.emails[0] ?? ''}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    <bdi dir="ltr">{c.phones[0] ?? ''}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={180}>
                    <bdi>{c.companyName ?? ''}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LifecycleBadge stage={c.lifecycleStage} stages={stages.data} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <TagList tags={c.tags} max={2} />
                </Table.Td>
                <Table.Td maw={220}>
                  <SourceLabel touch={c.source.first} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c="dimmed">
                    {f.date(c.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hasMore && (
        <Group justify="center" p="sm" ref={ref}>
          <Button variant="subtle" loading={loadingMore} onClick={onLoadMore}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
