import { Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { ImportJob } from '../types.ts';
import { ImportProgress, ImportStatusBadge } from './status.tsx';

export function ImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const imports = useQuery({
    queryKey: [...keys.imports, 'list'],
    queryFn: () => api.get<Page<ImportJob>>('/imports', { limit: 100 }),
    select: (r) => r.data,
    // Running imports move: refresh while any is under way.
    refetchInterval: (q) =>
      q.state.data?.data.some((i) => i.status === 'running' || i.status === 'queued') ? 2000 : false,
  });
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        description={t('imports.subtitle')}
        actions={
          <Button component={Link} to="/imports/new" leftSection={<IconPlus size={16} />}>
            {t('imports.new')}
          </Button>
        }
      />
      {imports.isPending ? (
        <PageLoader />
      ) : imports.isError ? (
        <QueryError error={imports.error} onRetry={() => imports.refetch()} />
      ) : imports.data.length === 0 ? (
        <EmptyState
          icon={<IconFileImport size={28} />}
          title={t('imports.emptyTitle')}
          description={t('imports.emptyDescription')}
        >
          <Button component={Link} to="/imports/new" leftSection={<IconFileImport size={16} />}>
            {t('imports.new')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t('imports.file')}</Table.Th>
                  <Table.Th>{t('imports.entity')}</Table.Th>
                  <Table.Th>{t('imports.statusLabel')}</Table.Th>
                  <Table.Th w={220}>{t('imports.progress')}</Table.Th>
                  <Table.Th>{t('imports.results')}</Table.Th>
                  <Table.Th>{t('imports.started')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.data.map((i) => (
                  <Table.Tr
                    key={i.id}
                    className="fh-clickable-row"
                    tabIndex={0}
                    onClick={() => navigate(`/imports/${i.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/imports/${i.id}`)}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {i.filename}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {i.format.toUpperCase()} · {f.bytes(i.sizeBytes)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`imports.entities.${i.entity}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ImportStatusBadge status={i.status} />
                    </Table.Td>
                    <Table.Td>
                      {i.status === 'uploaded' ? (
                        <Text size="xs" c="dimmed">
                          {t('imports.awaitingMapping')}
                        </Text>
                      ) : (
                        <ImportProgress job={i} size="sm" />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={8}>
                        <Text size="xs">{t('imports.counts.created', { count: i.created })}</Text>
                        <Text size="xs">{t('imports.counts.updated', { count: i.updated })}</Text>
                        {i.rejected > 0 && (
                          <Text size="xs" c="red">
                            {t('imports.counts.rejected', { count: i.rejected })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {f.dateTime(i.startedAt ?? i.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  );
}
