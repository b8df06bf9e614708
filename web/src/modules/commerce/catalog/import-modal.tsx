import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadWithProgress } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import type { Page } from '../../../lib/types.ts';
import { catalogKeys, type ProductImport } from './api.ts';

const COLUMNS =
  'handle, title, description, vendor, type, status, category, tags, images,\n' +
  'option1_name, option1_value … option3_value,\n' +
  'sku, variant_title, barcode, weight_g, length_mm, width_mm, height_mm, variant_image,\n' +
  'price, compare_at_price, currency  or  price_EUR, compare_at_price_EUR …, quantity';

const running = (i: ProductImport) => i.status === 'queued' || i.status === 'running';
type LocationOption = { id: string; name: string; tracksLevels: boolean };

/** Upload a product CSV (Freehold columns or a Shopify export); follow the job's progress and see rejected rows. */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [currency, setCurrency] = useState(useWorkspace()?.defaultCurrency ?? 'EUR');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState(0);
  const [importId, setImportId] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setFile(null);
    setImportId(null);
    setUploaded(0);
  }, [opened]);

  const locations = useQuery({
    queryKey: ['commerce-stock-locations', 'for-import'],
    queryFn: () => api.get<Page<LocationOption>>('/stock-locations', { limit: 500 }),
    enabled: opened,
    select: (r) => r.data.filter((l) => l.tracksLevels),
  });
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('currency', currency);
      if (locationId) form.append('locationId', locationId);
      form.append('file', file!);
      return uploadWithProgress<ProductImport>('/product-imports', form, setUploaded);
    },
    onSuccess: (imp) => setImportId(imp.id),
    onError: (err) => notifyError(err),
  });
  const imp = useQuery({
    queryKey: [...catalogKeys.imports, importId],
    queryFn: () => api.get<ProductImport>(`/product-imports/${importId}`),
    enabled: importId !== null,
    refetchInterval: (q) => (q.state.data && !running(q.state.data) ? false : 1000),
  });
  const d = imp.data;
  useEffect(() => {
    if (d && !running(d)) void qc.invalidateQueries({ queryKey: catalogKeys.products });
  }, [d, qc]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('comCatalog.import.title')} size="lg">
      {!importId ? (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('comCatalog.import.intro')}
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap' }}>
            {COLUMNS}
          </Code>
          <FileInput
            label={t('comCatalog.import.file')}
            accept=".csv,text/csv"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={setFile}
            required
            data-autofocus
          />
          <Group grow>
            <TextInput
              label={t('comCatalog.import.currency')}
              description={t('comCatalog.import.currencyHint')}
              value={currency}
              maxLength={3}
              onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            />
            <Select
              label={t('comCatalog.import.location')}
              description={t('comCatalog.import.locationHint')}
              data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
              value={locationId}
              onChange={setLocationId}
              clearable
            />
          </Group>
          {upload.isPending && <Progress value={uploaded * 100} aria-label={t('comCatalog.import.uploading')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>
              {t('comCatalog.import.start')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {d && (
            <>
              <Text size="sm">
                {t('comCatalog.import.progress', {
                  done: f.number(d.rowsDone),
                  total: f.number(d.rowsTotal),
                  layout: t(`comCatalog.import.layout.${d.layout}`),
                })}
              </Text>
              <Progress
                value={d.rowsTotal ? (d.rowsDone / d.rowsTotal) * 100 : 100}
                animated={running(d)}
                color={d.status === 'failed' ? 'red' : undefined}
                aria-label={t('comCatalog.import.progressLabel')}
              />
              <Text size="sm" role="status">
                {t('comCatalog.import.summary', {
                  products: d.productsCreated,
                  created: d.variantsCreated,
                  updated: d.variantsUpdated,
                  rejected: d.rejected,
                })}
              </Text>
              {d.error && <Alert color="red">{d.error}</Alert>}
              {d.errors.length > 0 && (
                <Table.ScrollContainer minWidth={480} mah={280}>
                  <Table striped aria-label={t('comCatalog.import.rejects')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('comCatalog.import.row')}</Table.Th>
                        <Table.Th>{t('comCatalog.import.column')}</Table.Th>
                        <Table.Th>{t('comCatalog.import.reason')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.errors.map((e, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors
                        <Table.Tr key={i}>
                          <Table.Td>{e.row}</Table.Td>
                          <Table.Td>{e.field ?? '—'}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>
              {d && !running(d) ? t('common.close') : t('comCatalog.import.background')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
