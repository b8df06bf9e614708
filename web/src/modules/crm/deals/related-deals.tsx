import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys, usePipelines } from '../queries.ts';
import type { Deal } from '../types.ts';
import { DealFormModal } from './deal-form-modal.tsx';

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

export function RelatedDeals({
  contactId,
  companyId,
  labels,
}: {
  contactId?: string;
  companyId?: string;
  labels?: { contactLabel?: string; companyLabel?: string };
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const pipelines = usePipelines();
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Deal | null>(null);
  const deals = useQuery({
    queryKey: [...keys.deals, 'related', contactId, companyId],
    queryFn: () => api.get<Page<Deal>>('/deals', { contactId, companyId, sort: 'recent', limit: 100 }),
    select: (r) => r.data,
  });
  const pipeline = pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const stageName = (d: Deal) =>
    pipelines.data?.find((p) => p.id === d.pipelineId)?.stages.find((s) => s.id === d.stageId)?.name ?? '';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('deals.count', { count: deals.data?.length ?? 0 })}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={createModal.open}>
          {t('deals.new')}
        </Button>
      </Group>
      {deals.isError && <QueryError error={deals.error} onRetry={() => deals.refetch()} />}
      {deals.data?.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('deals.noneHere')}
        </Text>
      )}
      {deals.data?.map((d) => (
        <Paper
          key={d.id}
          withBorder
          p="sm"
          className="fh-clickable-row"
          tabIndex={0}
          onClick={() => setEditing(d)}
          onKeyDown={(e) => e.key === 'Enter' && setEditing(d)}
        >
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minInlineSize: 0 }}>
              <Text size="sm" fw={600} truncate>
                {d.title}
              </Text>
              <Text size="xs" c="dimmed">
                {stageName(d)}
                {d.expectedClose ? ` · ${f.date(`${d.expectedClose}T12:00:00Z`)}` : ''}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={700}>
                {f.money(d.amountMinor, d.currency)}
              </Text>
              <Badge color={STATUS_COLOR[d.status]} variant="light">
                {t(`deals.status.${d.status}`)}
              </Badge>
            </Group>
          </Group>
        </Paper>
      ))}
      <DealFormModal
        opened={creating}
        onClose={createModal.close}
        pipeline={pipeline}
        defaults={{
          ...(contactId ? { contactId } : {}),
          ...(companyId ? { companyId } : {}),
          ...(labels?.contactLabel ? { contactLabel: labels.contactLabel } : {}),
          ...(labels?.companyLabel ? { companyLabel: labels.companyLabel } : {}),
        }}
      />
      {editing && (
        <DealFormModal
          key={editing.id}
          opened
          onClose={() => setEditing(null)}
          pipeline={pipelines.data?.find((p) => p.id === editing.pipelineId)}
          deal={editing}
          defaults={labels ?? {}}
        />
      )}
    </Stack>
  );
}
