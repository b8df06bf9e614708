import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import type { FlowStats } from './types.ts';

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

/** Per-step figures: a chart of how many reached and finished each step, then the table with email rates. */
export function StatsTab({ stats, stepName }: { stats: FlowStats; stepName: (id: string | null) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const e = stats.enrolments;
  const data = stats.steps.map((s) => ({
    step: s.name || stepName(s.stepId),
    [t('audFlows.stats.entered')]: s.entered,
    [t('audFlows.stats.completed')]: s.completed,
  }));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {(['total', 'active', 'waiting', 'completed', 'exited'] as const).map((k) => (
          <Paper key={k} withBorder p="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {k === 'total' ? t('audFlows.stats.total') : t(`audFlows.enrolmentStatus.${k}`)}
            </Text>
            <Text size="xl" fw={700}>
              {f.number(e[k])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('audFlows.stats.funnel')}
        </Title>
        {stats.steps.length === 0 || e.total === 0 ? (
          <Text size="sm" c="dimmed">
            {t('audFlows.stats.none')}
          </Text>
        ) : (
          <BarChart
            h={260}
            data={data}
            dataKey="step"
            series={[
              { name: t('audFlows.stats.entered'), color: 'blue.5' },
              { name: t('audFlows.stats.completed'), color: 'teal.6' },
            ]}
          />
        )}
      </Paper>
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audFlows.stats.step')}</Table.Th>
                <Table.Th>{t('audFlows.stats.entered')}</Table.Th>
                <Table.Th>{t('audFlows.stats.completed')}</Table.Th>
                <Table.Th>{t('audFlows.stats.hereNowShort')}</Table.Th>
                <Table.Th>{t('audFlows.stats.skipped')}</Table.Th>
                <Table.Th>{t('audFlows.stats.failed')}</Table.Th>
                <Table.Th>{t('audFlows.stats.sent')}</Table.Th>
                <Table.Th>{t('audFlows.stats.opened')}</Table.Th>
                <Table.Th>{t('audFlows.stats.clicked')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.steps.map((s) => (
                <Table.Tr key={s.stepId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {s.name || stepName(s.stepId)}
                    </Text>
                    {s.yes !== null && (
                      <Text size="xs" c="dimmed">
                        {t('audFlows.stats.yesNo', { yes: s.yes, no: s.no ?? 0 })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{f.number(s.entered)}</Table.Td>
                  <Table.Td>{f.number(s.completed)}</Table.Td>
                  <Table.Td>{f.number(s.waitingNow)}</Table.Td>
                  <Table.Td>{f.number(s.skipped)}</Table.Td>
                  <Table.Td c={s.failed ? 'red' : undefined}>{f.number(s.failed)}</Table.Td>
                  <Table.Td>{s.emails ? f.number(s.emails.sent) : '—'}</Table.Td>
                  <Table.Td>
                    {s.emails ? `${f.number(s.emails.opened)} (${pct(s.emails.opened, s.emails.sent)})` : '—'}
                  </Table.Td>
                  <Table.Td>
                    {s.emails ? `${f.number(s.emails.clicked)} (${pct(s.emails.clicked, s.emails.sent)})` : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
