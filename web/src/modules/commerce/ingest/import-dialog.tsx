import { Alert, Button, FileInput, Group, List, Modal, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadWithProgress } from '../../../lib/api.ts';
import { notifyError, problemOf } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import {
  type ImportFormat,
  ingestKeys,
  isFinished,
  type OrderImport,
  type OrderImportError,
  type Storefront,
} from './api.ts';

type Stage = { kind: 'form' } | { kind: 'uploading'; fraction: number } | { kind: 'importing'; id: string };

/**
 * Orders from a CSV export: pick the file (and, for WooCommerce, its shop), upload, start, then the import's progress
 * and the orders it could not take, with their rows. The import runs on the server: closing the dialog does not stop it.
 */
export function ImportOrdersDialog({
  opened,
  onClose,
  storefronts,
}: {
  opened: boolean;
  onClose: () => void;
  storefronts: Storefront[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const wooShops = storefronts.filter((s) => s.platform === 'woocommerce');
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [storefrontId, setStorefrontId] = useState<string | null>(wooShops[0]?.id ?? null);
  const [host, setHost] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setStage({ kind: 'form' });
    setFile(null);
    setError(null);
    onClose();
  };

  const run = async () => {
    if (!file) return;
    setError(null);
    setStage({ kind: 'uploading', fraction: 0 });
    const form = new FormData();
    if (format !== 'auto') form.append('format', format);
    form.append('file', file, file.name);
    try {
      const up = await uploadWithProgress<OrderImport>('/order-imports', form, (fraction) =>
        setStage({ kind: 'uploading', fraction }),
      );
      const shop =
        up.format === 'woocommerce'
          ? host.trim()
            ? { shopDomain: host.trim() }
            : storefrontId
              ? { storefrontId }
              : {}
          : {};
      await api.post<OrderImport>(`/order-imports/${up.id}/start`, shop);
      await qc.invalidateQueries({ queryKey: ingestKeys.imports });
      setStage({ kind: 'importing', id: up.id });
    } catch (err) {
      setStage({ kind: 'form' });
      setError(problemOf(err).detail);
      notifyError(err);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('comIngest.import.title')} size="lg">
      {stage.kind === 'importing' ? (
        <ImportProgress id={stage.id} onClose={close} />
      ) : (
        <Stack>
          <Select
            label={t('comIngest.import.format')}
            value={format}
            onChange={(v) => setFormat((v as ImportFormat | 'auto' | null) ?? 'auto')}
            allowDeselect={false}
            data={(['auto', 'shopify', 'woocommerce', 'csv'] as const).map((v) => ({
              value: v,
              label: t(`comIngest.import.formats.${v}`),
            }))}
          />
          <FileInput
            label={t('comIngest.import.file')}
            placeholder={t('comIngest.import.filePlaceholder')}
            accept=".csv,.txt,text/csv"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={setFile}
            clearable
            required
          />
          {format !== 'shopify' && format !== 'csv' && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('comIngest.import.shop')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('comIngest.import.shopHint')}
              </Text>
              <Group grow align="flex-end">
                {wooShops.length > 0 && (
                  <Select
                    label={t('comIngest.import.shopConnection')}
                    value={storefrontId}
                    onChange={setStorefrontId}
                    data={wooShops.map((s) => ({ value: s.id, label: `${s.name} (${s.shopDomain ?? ''})` }))}
                    clearable
                  />
                )}
                <TextInput
                  label={t('comIngest.import.orHost')}
                  placeholder="shop.example.com"
                  dir="ltr"
                  value={host}
                  onChange={(e) => setHost(e.currentTarget.value)}
                />
              </Group>
            </Stack>
          )}
          {stage.kind === 'uploading' && (
            <Progress value={stage.fraction * 100} animated striped aria-label={t('comIngest.import.uploading')} />
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {t('comIngest.import.docs')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void run()} disabled={!file} loading={stage.kind === 'uploading'}>
              {t('comIngest.import.start')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Polls the import until it ends, then lists what it could not take. */
export function ImportProgress({ id, onClose }: { id: string; onClose?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const imp = useQuery({
    queryKey: ingestKeys.import(id),
    queryFn: () => api.get<OrderImport>(`/order-imports/${id}`),
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : 1000),
  });
  const done = imp.data ? isFinished(imp.data.status) : false;
  const errors = useQuery({
    queryKey: ingestKeys.importErrors(id),
    queryFn: () => api.get<Page<OrderImportError>>(`/order-imports/${id}/errors`, { limit: 200 }),
    enabled: done,
  });
  const d = imp.data;
  return (
    <Stack>
      {d && (
        <>
          <Text fw={600}>{d.filename}</Text>
          <Progress value={d.progress * 100} animated={!done} aria-label={t('comIngest.import.running')} />
          <Text size="sm" aria-live="polite">
            {done
              ? t('comIngest.import.result', {
                  created: f.number(d.created),
                  existing: f.number(d.existing),
                  failed: f.number(d.failed),
                  skipped: f.number(d.skipped),
                })
              : t('comIngest.import.progress', { orders: f.number(d.ordersDone) })}
          </Text>
          {d.error && (
            <Alert color="red" role="alert">
              {d.error}
            </Alert>
          )}
        </>
      )}
      {errors.data && errors.data.data.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('comIngest.import.errorsTitle')}
          </Text>
          <List size="sm" spacing={4}>
            {errors.data.data.map((e) => (
              <List.Item key={e.rows[0]}>
                <Text size="sm" span fw={500}>
                  {t('comIngest.import.rows', { rows: e.rows.join(', ') })}
                  {e.orderRef ? ` · ${e.orderRef}` : ''}
                </Text>{' '}
                <Text size="sm" span c={e.kind === 'skipped' ? 'dimmed' : undefined}>
                  {e.message} {e.fields.map((x) => `${x.field}: ${x.message}`).join('; ')}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {onClose && (
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('comIngest.import.close')}</Button>
        </Group>
      )}
    </Stack>
  );
}
