import { Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { WEEKDAYS } from '../../../../../src/modules/commerce/pickup/opening-hours.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { addressLine, CapabilityBadges, KindBadge } from './labels.tsx';
import { PointForm } from './point-form.tsx';
import { type CapacityDay, type PickupPoint, pickupKeys } from './types.ts';

/** /commerce/pickup-points/:id — the point, its hours, the next two weeks' claimed capacity; edit, pause, delete. */
export function PickupPointPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure(false);
  const point = useQuery({
    queryKey: pickupKeys.point(id),
    queryFn: () => api.get<PickupPoint>(`/pickup-points/${id}`),
  });
  const capacity = useQuery({
    queryKey: [...pickupKeys.point(id), 'capacity'],
    queryFn: () => api.get<{ data: CapacityDay[] }>(`/pickup-points/${id}/capacity`, { days: 14 }),
  });
  const toggle = useMutation({
    mutationFn: (active: boolean) => api.patch<PickupPoint>(`/pickup-points/${id}`, { active }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: pickupKeys.all });
      notifySuccess(p.active ? t('comPickup.detail.activated') : t('comPickup.detail.paused'));
    },
    onError: (err) => notifyError(err),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/pickup-points/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pickupKeys.all });
      notifySuccess(t('comPickup.detail.deleted'));
      navigate('/commerce/pickup-points');
    },
    onError: (err) => notifyError(err, t('comPickup.detail.deleteFailed')),
  });
  if (point.isPending) return <PageLoader />;
  if (point.isError) return <QueryError error={point.error} onRetry={() => void point.refetch()} />;
  const p = point.data;
  return (
    <>
      <PageHeader
        crumbs={[{ label: t('comPickup.title'), to: '/commerce/pickup-points' }]}
        title={p.name}
        description={addressLine(p)}
        actions={
          <>
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={edit.open}>
              {t('comPickup.detail.edit')}
            </Button>
            <Button
              variant="default"
              leftSection={p.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
              loading={toggle.isPending}
              onClick={() => toggle.mutate(!p.active)}
            >
              {p.active ? t('comPickup.detail.pause') : t('comPickup.detail.activate')}
            </Button>
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('comPickup.detail.confirmDelete', { name: p.name }))) remove.mutate();
              }}
            >
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap="xs">
            <Group gap="xs">
              <KindBadge kind={p.kind} />
              {!p.active && <Text c="dimmed">{t('comPickup.list.inactive')}</Text>}
              {p.code && (
                <Text size="sm" c="dimmed">
                  {p.code}
                </Text>
              )}
            </Group>
            {p.partner && (
              <Text size="sm">
                {t('comPickup.detail.partner')}: <b>{p.partner.name}</b>
                {[p.partner.contactName, p.partner.email, p.partner.phone].filter(Boolean).length > 0 &&
                  ` — ${[p.partner.contactName, p.partner.email, p.partner.phone].filter(Boolean).join(', ')}`}
              </Text>
            )}
            {p.carrier && (
              <Text size="sm">
                {t('comPickup.detail.carrier')}: {p.carrier}
              </Text>
            )}
            <Text size="sm">
              {t('comPickup.detail.coordinates')}:{' '}
              <span dir="ltr">
                {p.lat}, {p.lng}
              </span>
            </Text>
            <CapabilityBadges caps={p.capabilities} />
            <Text size="sm">
              {t('comPickup.list.capacity')}: {p.capacityPerDay ?? t('comPickup.detail.unlimited')} ·{' '}
              {t('comPickup.list.fee')}:{' '}
              {p.fee.amountMinor ? f.money(p.fee.amountMinor, p.fee.currency) : t('comPickup.free')}
            </Text>
            {p.instructions && <Text size="sm">{p.instructions}</Text>}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('comPickup.form.hours')}{' '}
            {p.timezone && (
              <Text span size="xs" c="dimmed">
                ({p.timezone})
              </Text>
            )}
          </Title>
          <Table withRowBorders={false} verticalSpacing={2} fz="sm">
            <Table.Tbody>
              {WEEKDAYS.map((d) => (
                <Table.Tr key={d}>
                  <Table.Td w={120}>{t(`comPickup.days.${d}`)}</Table.Td>
                  <Table.Td dir="ltr">
                    {(p.hours[d] ?? []).map((r) => `${r.from}–${r.to}`).join(', ') || t('comPickup.hours.closed')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {p.hoursExceptions.length > 0 && (
            <Stack gap={2} mt="xs">
              {p.hoursExceptions.map((e) => (
                <Text key={`${e.date}${e.until ?? ''}`} size="sm">
                  {f.date(`${e.date}T12:00:00Z`)}
                  {e.until ? ` – ${f.date(`${e.until}T12:00:00Z`)}` : ''}:{' '}
                  {e.ranges.length ? e.ranges.map((r) => `${r.from}–${r.to}`).join(', ') : t('comPickup.hours.closed')}
                  {e.note ? ` (${e.note})` : ''}
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder mt="md">
        <Title order={5} mb="xs">
          {t('comPickup.detail.capacityTitle')}
        </Title>
        {capacity.data ? (
          <Table.ScrollContainer minWidth={700}>
            <Table fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  {capacity.data.data.map((d) => (
                    <Table.Th key={d.date} ta="center">
                      {f.date(`${d.date}T12:00:00Z`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  {capacity.data.data.map((d) => (
                    <Table.Td key={d.date} ta="center" c={d.left === 0 ? 'red' : undefined}>
                      {d.claimed}
                      {d.capacity !== null ? ` / ${d.capacity}` : ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <PageLoader />
        )}
      </Card>
      <Modal opened={editing} onClose={edit.close} title={t('comPickup.detail.edit')} size="xl">
        <PointForm
          point={p}
          onDone={() => {
            edit.close();
            void qc.invalidateQueries({ queryKey: pickupKeys.point(id) });
          }}
        />
      </Modal>
    </>
  );
}
