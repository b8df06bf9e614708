import {
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalculator, IconDots, IconFileImport, IconPlus, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api, download } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { CarrierFormModal } from './carrier-form-modal.tsx';
import { ImportCardModal } from './import-card-modal.tsx';
import { type Carrier, type RateCard, SERVICE_KINDS, type ServiceKind, shippingKeys } from './types.ts';

function Versions({ carrier }: { carrier: Carrier }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const versions = useQuery({
    queryKey: shippingKeys.versions(carrier.id),
    queryFn: () => api.get<Page<RateCard>>(`/carriers/${carrier.id}/rate-cards`, { limit: 50 }),
  });
  const activate = useMutation({
    mutationFn: (id: string) => api.post<RateCard>(`/carriers/${carrier.id}/rate-cards/${id}/activate`),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: shippingKeys.all });
      notifySuccess(t('comShipping.versions.activated', { version: r.version }));
    },
  });
  if (versions.isPending) return <PageLoader />;
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('comShipping.versions.version')}</Table.Th>
            <Table.Th>{t('comShipping.versions.file')}</Table.Th>
            <Table.Th ta="end">{t('comShipping.versions.zones')}</Table.Th>
            <Table.Th>{t('comShipping.versions.imported')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.data.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    v{v.version}
                  </Text>
                  {v.active && (
                    <Badge size="xs" color="teal">
                      {t('comShipping.versions.active')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() =>
                    void download(`/carriers/${carrier.id}/rate-cards/${v.id}/source`, undefined, v.filename).catch(
                      notifyError,
                    )
                  }
                >
                  {v.filename}
                </Anchor>
              </Table.Td>
              <Table.Td ta="end">{f.number(v.zoneCount)}</Table.Td>
              <Table.Td>{f.dateTime(v.createdAt)}</Table.Td>
              <Table.Td ta="end">
                {!v.active && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    loading={activate.isPending && activate.variables === v.id}
                    onClick={() => activate.mutate(v.id)}
                  >
                    {t('comShipping.versions.activate')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddService({ carrier }: { carrier: Carrier }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ServiceKind>('home');
  const add = useMutation({
    mutationFn: () => api.post(`/carriers/${carrier.id}/services`, { code, name, kind }),
    onSuccess: () => {
      setCode('');
      setName('');
      void qc.invalidateQueries({ queryKey: shippingKeys.all });
    },
  });
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        size="xs"
        label={t('comShipping.services.code')}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        dir="ltr"
      />
      <TextInput
        size="xs"
        label={t('comShipping.services.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        size="xs"
        label={t('comShipping.services.kind')}
        data={SERVICE_KINDS.map((k) => ({ value: k, label: t(`comShipping.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => setKind((v as ServiceKind) ?? 'home')}
        allowDeselect={false}
      />
      <Button size="xs" variant="light" onClick={() => add.mutate()} loading={add.isPending} disabled={!code || !name}>
        {t('comShipping.services.add')}
      </Button>
    </Group>
  );
}

function CarrierCard({ carrier, onQuote }: { carrier: Carrier; onQuote: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [importing, importModal] = useDisclosure(false);
  const [showVersions, versionsToggle] = useDisclosure(false);
  const patch = useMutation({
    mutationFn: (p: { url: string; body: unknown }) => api.patch(p.url, p.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shippingKeys.all }),
  });
  const archive = useMutation({
    mutationFn: () => api.delete(`/carriers/${carrier.id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shippingKeys.all }),
  });
  const card = carrier.activeRateCard;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={4}>{carrier.name}</Title>
            <Badge variant="light" size="sm">
              {carrier.kind === 'api' ? (carrier.adapter ?? 'API') : t('comShipping.carriers.rateCard')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {carrier.kind === 'api'
              ? t('comShipping.carriers.apiSummary', {
                  secret: carrier.hasSecret
                    ? t('comShipping.carriers.tokenSet')
                    : t('comShipping.carriers.tokenMissing'),
                })
              : card
                ? t('comShipping.carriers.cardSummary', {
                    version: card.version,
                    currency: card.currency,
                    zones: f.number(card.zoneCount),
                    services: card.serviceCount,
                    date: f.date(card.createdAt),
                  })
                : t('comShipping.carriers.noCard')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Switch
            checked={carrier.active}
            onChange={(e) =>
              patch.mutate({ url: `/carriers/${carrier.id}`, body: { active: e.currentTarget.checked } })
            }
            label={t('comShipping.carriers.active')}
          />
          {carrier.kind === 'rate_card' && (
            <Button size="xs" leftSection={<IconFileImport size={14} />} onClick={importModal.open}>
              {t('comShipping.carriers.import')}
            </Button>
          )}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" px={6} aria-label={t('common.more')}>
                <IconDots size={16} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {carrier.kind === 'rate_card' && (
                <Menu.Item onClick={versionsToggle.toggle}>{t('comShipping.carriers.versions')}</Menu.Item>
              )}
              <Menu.Item leftSection={<IconCalculator size={14} />} onClick={onQuote}>
                {t('comShipping.carriers.quote')}
              </Menu.Item>
              <Menu.Item color="red" onClick={() => archive.mutate()}>
                {t('comShipping.carriers.archive')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {carrier.services.length > 0 && (
        <Table mt="sm" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('comShipping.services.name')}</Table.Th>
              <Table.Th>{t('comShipping.services.code')}</Table.Th>
              <Table.Th>{t('comShipping.services.kind')}</Table.Th>
              <Table.Th>{t('comShipping.carriers.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {carrier.services.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td ff="monospace">{s.code}</Table.Td>
                <Table.Td>{t(`comShipping.kinds.${s.kind}`)}</Table.Td>
                <Table.Td>
                  <Switch
                    size="xs"
                    checked={s.active}
                    aria-label={`${t('comShipping.carriers.active')}: ${s.name}`}
                    onChange={(e) =>
                      patch.mutate({
                        url: `/carriers/${carrier.id}/services/${s.id}`,
                        body: { active: e.currentTarget.checked },
                      })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {carrier.kind === 'api' && (
        <Stack gap={4} mt="sm">
          <Text size="xs" c="dimmed">
            {t('comShipping.services.apiHint')}
          </Text>
          <AddService carrier={carrier} />
        </Stack>
      )}
      {showVersions && (
        <Stack mt="sm" gap="xs">
          <Text fw={600} size="sm">
            {t('comShipping.carriers.versions')}
          </Text>
          <Versions carrier={carrier} />
        </Stack>
      )}
      {carrier.kind === 'rate_card' && (
        <ImportCardModal carrier={carrier} opened={importing} onClose={importModal.close} />
      )}
    </Paper>
  );
}

export function CarriersPanel({ onQuote }: { onQuote: () => void }) {
  const { t } = useTranslation();
  const [creating, createModal] = useDisclosure(false);
  const carriers = useQuery({
    queryKey: shippingKeys.carriers,
    queryFn: () => api.get<Page<Carrier>>('/carriers', { limit: 100 }),
  });
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
      {t('comShipping.carriers.new')}
    </Button>
  );
  return (
    <>
      {carriers.isPending ? (
        <PageLoader />
      ) : carriers.isError ? (
        <QueryError error={carriers.error} onRetry={() => void carriers.refetch()} />
      ) : carriers.data.data.length === 0 ? (
        <EmptyState
          icon={<IconTruckDelivery size={28} />}
          title={t('comShipping.carriers.emptyTitle')}
          description={t('comShipping.carriers.emptyDescription')}
        >
          {newButton}
        </EmptyState>
      ) : (
        <Stack>
          <Group justify="flex-end">{newButton}</Group>
          {carriers.data.data.map((c) => (
            <CarrierCard key={c.id} carrier={c} onQuote={onQuote} />
          ))}
        </Stack>
      )}
      <CarrierFormModal opened={creating} onClose={createModal.close} onCreated={() => undefined} />
    </>
  );
}
