import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowRight, IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import type { List } from '../../../lib/types.ts';
import { keys, useCustomFields } from '../queries.ts';
import type { DedupeMode, ImportJob, ImportMapping } from '../types.ts';
import { IGNORE, MULTI_TARGETS, parseSourceLabel, targetOptions } from './targets.ts';

/** The cells of a preview row in header order, whether the server sends arrays or objects. */
function cells(row: string[] | Record<string, string>, headers: string[]): string[] {
  return Array.isArray(row) ? row : headers.map((h) => row[h] ?? '');
}

export function MappingScreen({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const custom = useCustomFields(job.entity);
  const saved = useQuery({
    queryKey: ['import-mappings', job.entity],
    queryFn: () => api.get<List<ImportMapping>>('/import-mappings', { entity: job.entity }),
    select: (r) => r.data.filter((m) => m.entity === job.entity),
    retry: false,
  });
  const [mapping, setMapping] = useState<Record<string, string>>(() => {
    const base = job.mapping ?? job.suggestedMapping ?? {};
    return Object.fromEntries(job.headers.map((h) => [h, base[h] ?? IGNORE]));
  });
  const [dedupe, setDedupe] = useState<DedupeMode>(job.dedupe ?? 'update');
  const [source, setSource] = useState(
    job.source ? [t(`channels.${job.source.channel}`), job.source.name].filter(Boolean).join(': ') : '',
  );
  const [tags, setTags] = useState<string[]>(job.tags ?? []);
  const [saveAs, setSaveAs] = useState('');
  const [applied, setApplied] = useState<string | null>(null);

  const options = useMemo(
    () =>
      targetOptions(
        job.entity,
        custom.data ?? [],
        (k) => (i18n.exists(`imports.targets.${k}`) ? t(`imports.targets.${k}` as 'imports.targets.email') : k),
        job.targets,
      ),
    [job.entity, job.targets, custom.data, t, i18n],
  );
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;

  // A single-valued field taken by two columns is a mistake the server would reject: show it at the column.
  const taken = new Map<string, number>();
  for (const v of Object.values(mapping)) if (v !== IGNORE) taken.set(v, (taken.get(v) ?? 0) + 1);
  const duplicateTarget = (v: string) => v !== IGNORE && !MULTI_TARGETS.has(v) && (taken.get(v) ?? 0) > 1;
  const mappedCount = Object.values(mapping).filter((v) => v !== IGNORE).length;
  const hasProblems = Object.values(mapping).some(duplicateTarget);
  const parsedSource = source.trim() ? parseSourceLabel(source) : null;

  const start = useMutation({
    mutationFn: () =>
      api.post<ImportJob>(`/imports/${job.id}/start`, {
        mapping,
        dedupe,
        ...(source.trim() ? { source: source.trim() } : {}),
        ...(tags.length ? { tags } : {}),
        ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}),
      }),
    meta: { silentError: true },
    onSuccess: async (updated) => {
      qc.setQueryData(keys.importJob(job.id), updated);
      await qc.invalidateQueries({ queryKey: keys.importJob(job.id) });
    },
    onError: (err) => notifyError(err, t('imports.startFailed')),
  });

  const preview = (job.preview ?? []).slice(0, 5).map((r) => cells(r, job.headers));
  const data = [
    { group: t('imports.groups.skip'), items: [{ value: IGNORE, label: t('imports.ignore') }] },
    // Select items must be plain {value, label}: an item with a `group` key would read as a group.
    {
      group: t('imports.groups.standard'),
      items: options.filter((o) => o.group === 'standard').map(({ value, label }) => ({ value, label })),
    },
    ...(options.some((o) => o.group === 'custom')
      ? [
          {
            group: t('imports.groups.custom'),
            items: options.filter((o) => o.group === 'custom').map(({ value, label }) => ({ value, label })),
          },
        ]
      : []),
  ];

  return (
    <Stack gap="lg">
      <Card>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={4}>{t('imports.mapTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('imports.mapSubtitle', { count: job.headers.length, mapped: mappedCount })}
            </Text>
          </div>
          {saved.data && saved.data.length > 0 && (
            <Select
              aria-label={t('imports.applySaved')}
              placeholder={t('imports.applySaved')}
              w={240}
              data={saved.data.map((m) => ({ value: m.id, label: m.name }))}
              value={applied}
              onChange={(id) => {
                const m = saved.data?.find((x) => x.id === id);
                setApplied(id);
                if (m) setMapping(Object.fromEntries(job.headers.map((h) => [h, m.mapping[h] ?? IGNORE])));
              }}
            />
          )}
        </Group>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label={t('imports.mapTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.sample')}</Table.Th>
                <Table.Th w={40} />
                <Table.Th w={260}>{t('imports.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.headers.map((h, i) => {
                const v = mapping[h] ?? IGNORE;
                const samples = preview
                  .map((r) => r[i] ?? '')
                  .filter(Boolean)
                  .slice(0, 2);
                return (
                  <Table.Tr key={`${h}-${i.toString()}`} data-column={h}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {h || t('imports.unnamedColumn', { n: i + 1 })}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="xs" c="dimmed" truncate>
                        {samples.join(' · ') || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <IconArrowRight size={16} opacity={0.5} className="fh-flip-rtl" />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('imports.mapColumn', { column: h })}
                        data={data}
                        value={v}
                        searchable
                        allowDeselect={false}
                        onChange={(next) => setMapping((m) => ({ ...m, [h]: next ?? IGNORE }))}
                        error={duplicateTarget(v) ? t('imports.duplicateTarget') : undefined}
                        styles={v === IGNORE ? { input: { color: 'var(--mantine-color-dimmed)' } } : undefined}
                        data-testid={`map-${h}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      {preview.length > 0 && (
        <Card>
          <Title order={5} mb="xs">
            {t('imports.previewTitle', { count: preview.length })}
          </Title>
          <ScrollArea type="auto">
            <Table className="fh-preview-table" striped withTableBorder withColumnBorders fz="xs">
              <Table.Thead>
                <Table.Tr>
                  {job.headers.map((h, i) => (
                    <Table.Th key={`${h}-${i.toString()}`}>
                      <Text size="xs" c="dimmed">
                        {h}
                      </Text>
                      {mapping[h] && mapping[h] !== IGNORE ? (
                        <Badge size="xs" variant="light" tt="none">
                          {labelOf(mapping[h] ?? '')}
                        </Badge>
                      ) : (
                        <Badge size="xs" variant="outline" color="gray" tt="none">
                          {t('imports.ignore')}
                        </Badge>
                      )}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.map((r, ri) => (
                  <Table.Tr key={ri.toString()}>
                    {job.headers.map((h, ci) => (
                      <Table.Td key={`${h}-${ci.toString()}`} c={mapping[h] === IGNORE ? 'dimmed' : undefined}>
                        {r[ci] ?? ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Card>
      )}

      <Card>
        <Title order={5} mb="sm">
          {t('imports.optionsTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Radio.Group
            label={t('imports.dedupeLabel')}
            description={t('imports.dedupeHint')}
            value={dedupe}
            onChange={(v) => setDedupe(v as DedupeMode)}
          >
            <Stack gap="xs" mt="xs">
              {(['update', 'skip', 'create'] as const).map((m) => (
                <Radio key={m} value={m} label={t(`imports.dedupe.${m}`)} description={t(`imports.dedupeHelp.${m}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Stack>
            <TextInput
              label={t('imports.sourceLabel')}
              description={t('imports.sourceHint')}
              placeholder={t('imports.sourcePlaceholder')}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
            />
            {parsedSource && (
              <Text size="xs" c="dimmed" mt={-8}>
                {t('imports.sourceParsed', {
                  channel: t(`channels.${parsedSource.channel}` as 'channels.other'),
                  name: parsedSource.name ?? '—',
                })}
              </Text>
            )}
            <TagsInput
              label={t('imports.tagsLabel')}
              description={t('imports.tagsHint')}
              value={tags}
              onChange={setTags}
            />
            <TextInput
              label={t('imports.saveAs')}
              description={t('imports.saveAsHint')}
              placeholder={t('imports.saveAsPlaceholder')}
              value={saveAs}
              onChange={(e) => setSaveAs(e.currentTarget.value)}
            />
          </Stack>
        </SimpleGrid>
      </Card>

      {mappedCount === 0 && (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
          {t('imports.nothingMapped')}
        </Alert>
      )}
      <Paper withBorder p="md" pos="sticky" bottom={0} style={{ zIndex: 2 }} shadow="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('imports.readyHint', { file: job.filename })}
          </Text>
          <Button
            size="md"
            leftSection={<IconPlayerPlay size={18} />}
            disabled={mappedCount === 0 || hasProblems}
            loading={start.isPending}
            onClick={() => start.mutate()}
          >
            {t('imports.start')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
