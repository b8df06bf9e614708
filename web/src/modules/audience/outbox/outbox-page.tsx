import { Button, Code, Drawer, Group, Paper, ScrollArea, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';

type OutboxItem = { id: string; messageId: string; from: string; to: string; subject: string; createdAt: string };
type OutboxMessage = OutboxItem & { html: string; text: string; headers: Record<string, string> };

/** What would have been sent while no SMTP server is configured. */
export function OutboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['audience', 'outbox', q],
    queryFn: ({ pageParam }) => api.get<Page<OutboxItem>>('/outbox', { q, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title={t('audOutbox.title')} description={t('audOutbox.subtitle')} />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('audOutbox.search')}
        aria-label={t('audOutbox.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="md"
        maw={420}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconInbox size={28} />}
          title={t('audOutbox.emptyTitle')}
          description={t('audOutbox.emptyDescription')}
        />
      ) : (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audOutbox.subject')}</Table.Th>
                  <Table.Th>{t('audOutbox.to')}</Table.Th>
                  <Table.Th>{t('audOutbox.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        px={0}
                        onClick={() => setOpenId(m.id)}
                        aria-label={`${t('audOutbox.open')}: ${m.subject}`}
                      >
                        {m.subject || '—'}
                      </Button>
                    </Table.Td>
                    <Table.Td>{m.to}</Table.Td>
                    <Table.Td>{f.dateTime(m.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="light" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {t('audOutbox.loadMore')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="xl"
        title={t('audOutbox.title')}
      >
        {openId && <OutboxViewer id={openId} />}
      </Drawer>
    </>
  );
}

function OutboxViewer({ id }: { id: string }) {
  const { t } = useTranslation();
  const msg = useQuery({
    queryKey: ['audience', 'outbox', 'one', id],
    queryFn: () => api.get<OutboxMessage>(`/outbox/${id}`),
  });
  if (msg.isPending) return <PageLoader />;
  if (msg.isError) return <QueryError error={msg.error} onRetry={() => msg.refetch()} />;
  const m = msg.data;
  return (
    <Stack gap="sm">
      <Text fw={600}>{m.subject}</Text>
      <Text size="sm" c="dimmed">
        {m.from} → {m.to}
      </Text>
      <Tabs defaultValue="html">
        <Tabs.List>
          <Tabs.Tab value="html">{t('audOutbox.html')}</Tabs.Tab>
          <Tabs.Tab value="text">{t('audOutbox.text')}</Tabs.Tab>
          <Tabs.Tab value="headers">{t('audOutbox.headers')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          {/* No scripts, no same-origin: the message is shown, never run. Links open in a new tab. */}
          <iframe
            title={m.subject}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={`<base target="_blank">${m.html}`}
            style={{ inlineSize: '100%', blockSize: '70vh', border: '1px solid var(--fh-border)', borderRadius: 8 }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <ScrollArea h="70vh">
            <Code block>{m.text}</Code>
          </ScrollArea>
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="sm">
          <Code block>
            {[`Message-ID: <${m.messageId}>`, ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`)].join('\n')}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
