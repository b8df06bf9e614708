import {
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Timeline,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { ContactPicker } from '../../crm/contacts/contact-picker.tsx';
import type { Enrolment, EnrolmentDetail, EnrolmentStatus, Flow } from './types.ts';

const STATUS_COLORS: Record<EnrolmentStatus, string> = {
  active: 'blue',
  waiting: 'yellow',
  completed: 'green',
  exited: 'gray',
  failed: 'red',
};
const OUTCOME_COLORS: Record<string, string> = {
  enrolled: 'grape',
  sent: 'green',
  done: 'green',
  yes: 'teal',
  no: 'orange',
  waiting: 'yellow',
  retrying: 'yellow',
  skipped: 'gray',
  failed: 'red',
  exited: 'gray',
};

export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`audFlows.enrolmentStatus.${status}`)}
    </Badge>
  );
}

export function EnrolmentsTab({ flow, stepName }: { flow: Flow; stepName: (id: string | null) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'all' | EnrolmentStatus>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['flows', flow.id, 'enrolments', status],
    queryFn: () =>
      api.get<Page<Enrolment>>(`/flows/${flow.id}/enrolments`, {
        status: status === 'all' ? undefined : status,
        limit: 100,
      }),
    refetchInterval: 10_000,
  });
  const enrol = useMutation({
    mutationFn: (id: string) => api.post<EnrolmentDetail>(`/flows/${flow.id}/enrolments`, { contactId: id }),
    onSuccess: (e) => {
      notifySuccess(t('audFlows.enrolled', { name: e.contactName ?? '' }));
      setContactId(null);
      void qc.invalidateQueries({ queryKey: ['flows', flow.id] });
    },
    onError: (err) => notifyError(err),
  });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label={t('audFlows.filterStatus')}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={(['all', 'active', 'waiting', 'completed', 'exited', 'failed'] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('audFlows.all') : `${t(`audFlows.enrolmentStatus.${s}`)} (${flow.enrolments[s]})`,
          }))}
        />
        {flow.status === 'active' && (
          <Group gap="xs" wrap="nowrap">
            <ContactPicker
              value={contactId}
              onChange={(id) => setContactId(id)}
              placeholder={t('audFlows.pickContact')}
              aria-label={t('audFlows.pickContact')}
              w={260}
            />
            <Button
              leftSection={<IconUserPlus size={16} />}
              disabled={!contactId}
              loading={enrol.isPending}
              onClick={() => contactId && enrol.mutate(contactId)}
            >
              {t('audFlows.enrol')}
            </Button>
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState
          icon={<IconUserPlus size={28} />}
          title={t('audFlows.noEnrolments')}
          description={flow.status === 'active' ? t('audFlows.noEnrolmentsActive') : t('audFlows.noEnrolmentsDraft')}
        />
      ) : (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audFlows.contact')}</Table.Th>
                  <Table.Th>{t('audFlows.status')}</Table.Th>
                  <Table.Th>{t('audFlows.currentStep')}</Table.Th>
                  <Table.Th>{t('audFlows.nextRun')}</Table.Th>
                  <Table.Th>{t('audFlows.started')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((e) => (
                  <Table.Tr
                    key={e.id}
                    className="fh-clickable-row"
                    tabIndex={0}
                    onClick={() => setOpen(e.id)}
                    onKeyDown={(ev) => ev.key === 'Enter' && setOpen(e.id)}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {e.contactName ?? t('audFlows.deletedContact')}
                      </Text>
                      {e.contactEmail && (
                        <Text size="xs" c="dimmed">
                          {e.contactEmail}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <EnrolmentStatusBadge status={e.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {e.status === 'active' || e.status === 'waiting' ? stepName(e.currentStepId) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.nextRunAt ? f.dateTime(e.nextRunAt) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {f.dateTime(e.startedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <EnrolmentDrawer flowId={flow.id} enrolmentId={open} onClose={() => setOpen(null)} stepName={stepName} />
    </Stack>
  );
}

function EnrolmentDrawer({
  flowId,
  enrolmentId,
  onClose,
  stepName,
}: {
  flowId: string;
  enrolmentId: string | null;
  onClose: () => void;
  stepName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ['flows', flowId, 'enrolment', enrolmentId],
    queryFn: () => api.get<EnrolmentDetail>(`/flows/${flowId}/enrolments/${enrolmentId}`),
    enabled: Boolean(enrolmentId),
  });
  const exit = useMutation({
    mutationFn: () => api.delete(`/flows/${flowId}/enrolments/${enrolmentId}`),
    onSuccess: () => {
      notifySuccess(t('audFlows.exited'));
      void qc.invalidateQueries({ queryKey: ['flows', flowId] });
    },
    onError: (err) => notifyError(err),
  });
  const d = detail.data;
  const label = (stepId: string, name: string | null) =>
    stepId === '$trigger'
      ? t('audFlows.trigger')
      : stepId === '$exit'
        ? t('audFlows.takenOut')
        : name || stepName(stepId);
  return (
    <Drawer
      opened={Boolean(enrolmentId)}
      onClose={onClose}
      position="right"
      size="md"
      title={d ? (d.contactName ?? t('audFlows.deletedContact')) : t('audFlows.history')}
    >
      {detail.isPending ? (
        <PageLoader />
      ) : detail.isError ? (
        <QueryError error={detail.error} />
      ) : d ? (
        <Stack>
          <Group justify="space-between">
            <EnrolmentStatusBadge status={d.status} />
            <Anchor component={Link} to={`/contacts/${d.contactId}`} size="sm">
              {t('audFlows.openContact')}
            </Anchor>
          </Group>
          {d.exitReason && (
            <Text size="sm" c="dimmed">
              {d.exitReason}
            </Text>
          )}
          <Timeline bulletSize={18} lineWidth={2} active={d.history.length}>
            {d.history.map((h) => (
              <Timeline.Item
                key={h.stepId}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {label(h.stepId, h.stepName)}
                    </Text>
                    <Badge size="xs" variant="light" color={OUTCOME_COLORS[h.outcome] ?? 'gray'}>
                      {t(`audFlows.outcomes.${h.outcome}`, { defaultValue: h.outcome })}
                    </Badge>
                  </Group>
                }
              >
                <Text size="xs" c="dimmed">
                  {f.dateTime(h.enteredAt)}
                  {typeof h.details.until === 'string' && h.outcome === 'waiting'
                    ? ` → ${f.dateTime(h.details.until)}`
                    : ''}
                </Text>
                {(typeof h.details.reason === 'string' || typeof h.details.error === 'string') && (
                  <Text size="xs">{String(h.details.reason ?? h.details.error)}</Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
          {(d.status === 'active' || d.status === 'waiting') && (
            <Button color="red" variant="light" loading={exit.isPending} onClick={() => exit.mutate()}>
              {t('audFlows.takeOut')}
            </Button>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
