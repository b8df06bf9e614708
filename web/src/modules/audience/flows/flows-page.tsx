import { Button, Card, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconPlus, IconRoute } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { List, Page } from '../../../lib/types.ts';
import { describeTrigger } from './describe.ts';
import { useFlowChoices } from './flow-choices.ts';
import { FlowStatusBadge } from './status-badge.tsx';
import type { Flow, FlowTemplate } from './types.ts';

export function FlowsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const choices = useFlowChoices();
  const flows = useQuery({
    queryKey: ['flows', 'list'],
    queryFn: () => api.get<Page<Flow>>('/flows', { limit: 200 }),
    select: (r) => r.data,
  });
  const templates = useQuery({
    queryKey: ['flow-templates'],
    queryFn: () => api.get<List<FlowTemplate>>('/flow-templates'),
    select: (r) => r.data,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Flow>('/flows', body),
    onSuccess: (flow) => navigate(`/audience/flows/${flow.id}`),
    onError: (err) => notifyError(err),
  });
  const newBlank = () => create.mutate({ name: t('audFlows.untitled') });
  const fromTemplate = (key: string) => create.mutate({ fromTemplate: key });
  return (
    <>
      <PageHeader
        title={t('audFlows.title')}
        description={t('audFlows.subtitle')}
        actions={
          <Group gap={0}>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={newBlank}
              loading={create.isPending}
              style={{ borderStartEndRadius: 0, borderEndEndRadius: 0 }}
            >
              {t('audFlows.new')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  aria-label={t('audFlows.fromTemplate')}
                  px={8}
                  style={{
                    borderStartStartRadius: 0,
                    borderEndStartRadius: 0,
                    borderInlineStart: '1px solid var(--mantine-color-white)',
                  }}
                >
                  <IconChevronDown size={16} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('audFlows.fromTemplate')}</Menu.Label>
                {(templates.data ?? []).map((tpl) => (
                  <Menu.Item key={tpl.key} onClick={() => fromTemplate(tpl.key)}>
                    {t(`audFlows.templates.${tpl.key}.name`, { defaultValue: tpl.name })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        }
      />
      {flows.isPending ? (
        <PageLoader />
      ) : flows.isError ? (
        <QueryError error={flows.error} onRetry={() => flows.refetch()} />
      ) : flows.data.length === 0 ? (
        <Stack>
          <EmptyState
            icon={<IconRoute size={28} />}
            title={t('audFlows.emptyTitle')}
            description={t('audFlows.emptyDescription')}
          >
            <Button variant="default" onClick={newBlank} loading={create.isPending}>
              {t('audFlows.startBlank')}
            </Button>
          </EmptyState>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(templates.data ?? []).map((tpl) => (
              <Card key={tpl.key} withBorder padding="lg">
                <Stack gap="xs" h="100%">
                  <Title order={4}>{t(`audFlows.templates.${tpl.key}.name`, { defaultValue: tpl.name })}</Title>
                  <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                    {t(`audFlows.templates.${tpl.key}.description`, { defaultValue: tpl.description })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('audFlows.stepCount', { count: tpl.graph.nodes.length })}
                  </Text>
                  <Button onClick={() => fromTemplate(tpl.key)} loading={create.isPending}>
                    {t('audFlows.useTemplate')}
                  </Button>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ) : (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t('audFlows.name')}</Table.Th>
                  <Table.Th>{t('audFlows.status')}</Table.Th>
                  <Table.Th>{t('audFlows.trigger')}</Table.Th>
                  <Table.Th>{t('audFlows.inFlowNow')}</Table.Th>
                  <Table.Th>{t('audFlows.enrolledTotal')}</Table.Th>
                  <Table.Th>{t('audFlows.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {flows.data.map((flow) => (
                  <Table.Tr
                    key={flow.id}
                    className="fh-clickable-row"
                    tabIndex={0}
                    onClick={() => navigate(`/audience/flows/${flow.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/audience/flows/${flow.id}`)}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {flow.name}
                      </Text>
                      {flow.issues.length > 0 && flow.status === 'draft' && (
                        <Text size="xs" c="orange">
                          {t('audFlows.issuesCount', { count: flow.issues.length })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <FlowStatusBadge status={flow.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{describeTrigger(t, flow.trigger, choices)}</Text>
                    </Table.Td>
                    <Table.Td>{f.number(flow.enrolments.active + flow.enrolments.waiting)}</Table.Td>
                    <Table.Td>{f.number(flow.enrolments.total)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {f.dateTime(flow.updatedAt)}
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
