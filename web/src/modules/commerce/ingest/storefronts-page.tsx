import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconBuildingStore, IconFileImport, IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.tsx';
import type { Page } from '../../../lib/types.ts';
import { type Delivery, ingestKeys, type OrderImport, type Storefront, type StorefrontWithSecret } from './api.ts';
import { CopyField } from './copy-field.tsx';
import { ImportOrdersDialog, ImportProgress } from './import-dialog.tsx';
import { StorefrontDialog } from './storefront-dialog.tsx';

const STATUS_COLOR: Record<Delivery['status'], string> = {
  queued: 'blue',
  processed: 'teal',
  ignored: 'gray',
  failed: 'red',
};

/** Commerce → Storefronts: webhook connections (URL and secret to paste into the shop), their deliveries, CSV imports. */
export function StorefrontsPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const isAdmin = workspace?.role === 'owner' || workspace?.role === 'admin';
  const [connecting, connectModal] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Storefront | null>(null);
  useHotkeys([
    ['n', () => isAdmin && connectModal.open()],
    ['i', importModal.open],
  ]);
  const list = useQuery({
    queryKey: ingestKeys.storefronts,
    queryFn: () => api.get<{ data: Storefront[] }>('/storefronts'),
    // "Last delivery" follows what the shops send while the page is open.
    refetchInterval: 15_000,
  });
  const storefronts = list.data?.data ?? [];

  return (
    <>
      <PageHeader
        title={t('comIngest.title')}
        description={t('comIngest.subtitle')}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} />}
              onClick={importModal.open}
              aria-keyshortcuts="i"
            >
              {t('comIngest.importOrders')}
            </Button>
            {isAdmin && (
              <Button leftSection={<IconPlugConnected size={16} />} onClick={connectModal.open} aria-keyshortcuts="n">
                {t('comIngest.connect')}
              </Button>
            )}
          </>
        }
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : storefronts.length === 0 ? (
        <EmptyState
          icon={<IconBuildingStore size={28} />}
          title={t('comIngest.empty.title')}
          description={t('comIngest.empty.description')}
        >
          {isAdmin && (
            <Button leftSection={<IconPlugConnected size={16} />} onClick={connectModal.open}>
              {t('comIngest.connect')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importModal.open}>
            {t('comIngest.importOrders')}
          </Button>
        </EmptyState>
      ) : (
        <Stack>
          {storefronts.map((sf) => (
            <StorefrontCard key={sf.id} sf={sf} isAdmin={isAdmin} onEdit={() => setEditing(sf)} />
          ))}
        </Stack>
      )}
      <RecentImports />
      <StorefrontDialog opened={connecting} onClose={connectModal.close} />
      {editing && <StorefrontDialog key={editing.id} opened onClose={() => setEditing(null)} editing={editing} />}
      <ImportOrdersDialog opened={importing} onClose={importModal.close} storefronts={storefronts} />
    </>
  );
}

function StorefrontCard({ sf, isAdmin, onEdit }: { sf: Storefront; isAdmin: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [showSecret, setShowSecret] = useState(false);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secret = useQuery({
    queryKey: ingestKeys.storefront(sf.id),
    queryFn: () => api.get<StorefrontWithSecret>(`/storefronts/${sf.id}`),
    enabled: showSecret,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/storefronts/${sf.id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ingestKeys.storefronts }),
    onError: (err) => notifyError(err),
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minInlineSize: 0 }}>
            <Title order={4} style={{ overflowWrap: 'anywhere' }}>
              {sf.name}
            </Title>
            <Badge variant="light">{t(`comIngest.platforms.${sf.platform}`)}</Badge>
          </Group>
          {isAdmin && (
            <Group gap="xs" wrap="nowrap">
              <Button size="compact-sm" variant="subtle" onClick={onEdit}>
                {t('comIngest.card.edit')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)}>
                {t('comIngest.card.disconnect')}
              </Button>
            </Group>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('comIngest.card.shop')}: <span dir="ltr">{sf.shopDomain ?? t('comIngest.card.noShop')}</span> ·{' '}
          {t('comIngest.card.lastDelivery')}:{' '}
          {sf.lastDeliveryAt ? f.dateTime(sf.lastDeliveryAt) : t('comIngest.card.never')}
        </Text>
        <CopyField label={t('comIngest.card.webhookUrl')} value={sf.webhookUrl} />
        {isAdmin && (
          <Group align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              {showSecret && secret.data ? (
                <CopyField label={t('comIngest.card.secret')} value={secret.data.secret} />
              ) : (
                <Text size="sm">
                  {t('comIngest.card.secret')}: <span dir="ltr">{sf.secretHint}</span>
                </Text>
              )}
            </div>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setShowSecret((s) => !s)}
              loading={secret.isFetching}
            >
              {showSecret ? t('comIngest.card.hideSecret') : t('comIngest.card.showSecret')}
            </Button>
          </Group>
        )}
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => setShowDeliveries((s) => !s)}
            aria-expanded={showDeliveries}
          >
            {showDeliveries ? t('comIngest.card.hideDeliveries') : t('comIngest.card.deliveries')}
          </Button>
        </Group>
        {showDeliveries && <Deliveries storefrontId={sf.id} canRetry={isAdmin} />}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('comIngest.card.disconnect')}>
        <Stack>
          <Text size="sm">{t('comIngest.disconnectConfirm', { name: sf.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('comIngest.card.disconnect')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Deliveries({ storefrontId, canRetry }: { storefrontId: string; canRetry: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const retry = useMutation({
    mutationFn: (id: string) => api.post(`/storefronts/${storefrontId}/deliveries/${id}/retry`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ingestKeys.deliveries(storefrontId) }),
    onError: (err) => notifyError(err),
  });
  const q = useQuery({
    queryKey: ingestKeys.deliveries(storefrontId),
    queryFn: () => api.get<Page<Delivery>>(`/storefronts/${storefrontId}/deliveries`, { limit: 20 }),
    refetchInterval: 5000,
  });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.data.length)
    return (
      <Text size="sm" c="dimmed">
        {t('comIngest.deliveries.empty')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('comIngest.deliveries.received')}</Table.Th>
            <Table.Th>{t('comIngest.deliveries.topic')}</Table.Th>
            <Table.Th>{t('comIngest.deliveries.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(d.receivedAt)}</Table.Td>
              <Table.Td dir="ltr">{d.topic}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge size="sm" variant="light" color={STATUS_COLOR[d.status]} style={{ flexShrink: 0 }}>
                    {t(`comIngest.deliveries.status.${d.status}`)}
                  </Badge>
                  <Stack gap={0}>
                    {d.orderId ? (
                      <Anchor component={Link} to={`/commerce/orders/${d.orderId}`} size="sm">
                        {d.outcome ?? d.externalId}
                      </Anchor>
                    ) : (
                      d.outcome && <Text size="sm">{d.outcome}</Text>
                    )}
                    {d.error && (
                      <Text size="xs" c="red">
                        {d.error}
                        {d.errorFields?.length
                          ? ` — ${d.errorFields.map((e) => `${e.field}: ${e.message}`).join('; ')}`
                          : ''}
                      </Text>
                    )}
                    {d.status === 'failed' && canRetry && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        mt={4}
                        w="fit-content"
                        loading={retry.isPending && retry.variables === d.id}
                        onClick={() => retry.mutate(d.id)}
                      >
                        {t('comIngest.deliveries.retry')}
                      </Button>
                    )}
                  </Stack>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RecentImports() {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ingestKeys.imports,
    queryFn: () => api.get<Page<OrderImport>>('/order-imports', { limit: 10 }),
    refetchInterval: (query) =>
      query.state.data?.data.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false,
  });
  const imports = q.data?.data ?? [];
  if (!imports.length) return null;
  return (
    <Stack mt="xl" gap="xs">
      <Title order={3}>{t('comIngest.import.recent')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" fz="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('comIngest.import.file')}</Table.Th>
              <Table.Th>{t('comIngest.import.format')}</Table.Th>
              <Table.Th>{t('comIngest.deliveries.status.label')}</Table.Th>
              <Table.Th>{t('comIngest.deliveries.result')}</Table.Th>
              <Table.Th>{t('comIngest.import.uploaded')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.map((i) => (
              <Table.Tr key={i.id} onClick={() => setOpen(i.id)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setOpen(i.id)}>
                    {i.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`comIngest.import.formats.${i.format}`)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                    {t(`comIngest.import.status.${i.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {t('comIngest.import.result', {
                    created: f.number(i.created),
                    existing: f.number(i.existing),
                    failed: f.number(i.failed),
                    skipped: f.number(i.skipped),
                  })}
                </Table.Td>
                <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {f.dateTime(i.createdAt)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={!!open} onClose={() => setOpen(null)} title={t('comIngest.import.title')} size="lg">
        {open && <ImportProgress id={open} onClose={() => setOpen(null)} />}
      </Modal>
    </Stack>
  );
}
