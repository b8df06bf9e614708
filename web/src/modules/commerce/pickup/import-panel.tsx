import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadWithProgress } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { type PickupImport, pickupKeys } from './types.ts';

const running = (i: PickupImport) => i.status === 'queued' || i.status === 'running';

/** One import's progress (polled while the job runs), its counts and the rows it rejected. */
function ImportStatus({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const imp = useQuery({
    queryKey: [...pickupKeys.imports, id],
    queryFn: () => api.get<PickupImport>(`/pickup-imports/${id}`),
    refetchInterval: (q) => (q.state.data && !running(q.state.data) ? false : 1000),
  });
  const d = imp.data;
  const finished = d ? !running(d) : false;
  // Once the job is over, the lists and the postcode counts show what it wrote.
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: pickupKeys.all });
  }, [finished, qc]);
  if (!d) return null;
  const pct = d.sizeBytes ? Math.round((d.bytesDone / d.sizeBytes) * 100) : 0;
  return (
    <Stack gap="xs" aria-live="polite">
      <Group gap="xs">
        <Badge color={d.status === 'done' ? 'teal' : d.status === 'failed' ? 'red' : 'blue'}>
          {t(`comPickup.import.status.${d.status}`)}
        </Badge>
        <Text size="sm">{d.filename}</Text>
      </Group>
      {running(d) && <Progress value={pct} animated aria-label={t('comPickup.import.progress')} />}
      <Text size="sm">
        {t('comPickup.import.counts', {
          rows: f.number(d.rowsDone),
          created: f.number(d.created),
          updated: f.number(d.updated),
          rejected: f.number(d.rejected),
        })}
        {d.skipped > 0 && ` ${t('comPickup.import.skipped', { count: d.skipped })}`}
      </Text>
      {d.error && (
        <Alert color="red" title={t('comPickup.import.failed')}>
          {d.error}
        </Alert>
      )}
      {d.errors.length > 0 && (
        <Table.ScrollContainer minWidth={480} mah={260}>
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('comPickup.import.row')}</Table.Th>
                <Table.Th>{t('comPickup.import.column')}</Table.Th>
                <Table.Th>{t('comPickup.import.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.errors.map((e) => (
                <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? '—'}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function UploadCard({ kind }: { kind: 'points' | 'postcodes' }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [country, setCountry] = useState('');
  const [format, setFormat] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<number>(0);
  const [importId, setImportId] = useState<string | null>(null);
  const qc = useQueryClient();
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('kind', kind);
      if (kind === 'postcodes' && country.trim()) form.append('country', country.trim().toUpperCase());
      if (kind === 'postcodes' && format) form.append('format', format);
      form.append('file', file as File);
      return uploadWithProgress<PickupImport>('/pickup-imports', form, setUploaded);
    },
    onSuccess: (imp) => {
      setImportId(imp.id);
      setFile(null);
      void qc.invalidateQueries({ queryKey: pickupKeys.imports });
    },
    onError: (err) => notifyError(err, t('comPickup.import.failed')),
  });
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={4}>{t(`comPickup.import.${kind}.title`)}</Title>
        <Text size="sm" c="dimmed">
          {t(`comPickup.import.${kind}.help`)}
        </Text>
        <FileInput
          label={t('comPickup.import.file')}
          placeholder={t('comPickup.import.choose')}
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          value={file}
          onChange={setFile}
          clearable
        />
        {kind === 'postcodes' && (
          <Group grow>
            <TextInput
              label={t('comPickup.import.country')}
              description={t('comPickup.import.countryHelp')}
              maxLength={2}
              value={country}
              onChange={(e) => setCountry(e.currentTarget.value)}
            />
            <Select
              label={t('comPickup.import.format')}
              placeholder={t('comPickup.import.formatAuto')}
              clearable
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'geonames', label: 'GeoNames (.txt)' },
              ]}
              value={format}
              onChange={setFormat}
            />
          </Group>
        )}
        {upload.isPending && <Progress value={uploaded * 100} aria-label={t('comPickup.import.uploading')} />}
        <Group>
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => upload.mutate()}
          >
            {t('comPickup.import.start')}
          </Button>
        </Group>
        {importId && <ImportStatus id={importId} />}
      </Stack>
    </Card>
  );
}

function PostcodeCountries() {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = useQuery({
    queryKey: pickupKeys.postcodes,
    queryFn: () => api.get<{ data: { country: string; count: number }[] }>('/pickup-postcodes/countries'),
    refetchInterval: 5000,
  });
  const list = counts.data?.data ?? [];
  return (
    <Text size="sm" c="dimmed">
      {list.length
        ? t('comPickup.import.postcodesKnown', {
            list: list.map((c) => `${c.country} ${f.number(c.count)}`).join(', '),
          })
        : t('comPickup.import.noPostcodes')}
    </Text>
  );
}

/** CSV imports of points and of postcode centroids, and the recent imports. */
export function ImportPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const recent = useQuery({
    queryKey: [...pickupKeys.imports, 'recent'],
    queryFn: () => api.get<Page<PickupImport>>('/pickup-imports', { limit: 10 }),
  });
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <UploadCard kind="points" />
        <Stack>
          <UploadCard kind="postcodes" />
          <PostcodeCountries />
        </Stack>
      </SimpleGrid>
      {(recent.data?.data.length ?? 0) > 0 && (
        <Stack gap="xs">
          <Title order={4}>{t('comPickup.import.recent')}</Title>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {recent.data?.data.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{f.dateTime(i.createdAt)}</Table.Td>
                  <Table.Td>{i.filename}</Table.Td>
                  <Table.Td>{t(`comPickup.import.kind.${i.kind}`)}</Table.Td>
                  <Table.Td>{t(`comPickup.import.status.${i.status}`)}</Table.Td>
                  <Table.Td>
                    {t('comPickup.import.counts', {
                      rows: f.number(i.rowsDone),
                      created: f.number(i.created),
                      updated: f.number(i.updated),
                      rejected: f.number(i.rejected),
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
