import '@mantine/dropzone/styles.css';
import { Alert, Group, List, Paper, Progress, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconAlertTriangle, IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { uploadWithProgress } from '../../../lib/api.ts';
import { notifyError, problemOf } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { keys } from '../queries.ts';
import type { ImportJob } from '../types.ts';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt', '.tsv'],
  'text/tab-separated-values': ['.tsv'],
  'text/vcard': ['.vcf'],
  'text/x-vcard': ['.vcf'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-excel': ['.csv'],
};

export function NewImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [entity, setEntity] = useState<'contact' | 'company'>('contact');
  const [uploading, setUploading] = useState<{ name: string; size: number; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    setUploading({ name: file.name, size: file.size, fraction: 0 });
    const form = new FormData();
    // Fields before the file: a streaming parser reads them before the (possibly large) file body.
    form.append('entity', entity);
    form.append('file', file, file.name);
    try {
      const job = await uploadWithProgress<ImportJob>(`/imports?entity=${entity}`, form, (fraction) =>
        setUploading((u) => (u ? { ...u, fraction } : u)),
      );
      qc.setQueryData(keys.importJob(job.id), job);
      await qc.invalidateQueries({ queryKey: [...keys.imports, 'list'] });
      navigate(`/imports/${job.id}`);
    } catch (err) {
      setUploading(null);
      setError(problemOf(err).detail);
      notifyError(err, t('imports.uploadFailed'));
    }
  };

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('imports.title'), to: '/imports' }]}
        title={t('imports.new')}
        description={t('imports.newSubtitle')}
      />
      <Stack maw={860}>
        <Group>
          <Text size="sm" fw={500}>
            {t('imports.whatImport')}
          </Text>
          <SegmentedControl
            value={entity}
            onChange={(v) => setEntity(v as 'contact' | 'company')}
            data={[
              { value: 'contact', label: t('imports.entities.contact') },
              { value: 'company', label: t('imports.entities.company') },
            ]}
            disabled={!!uploading}
          />
        </Group>
        {uploading ? (
          <Paper withBorder p="xl">
            <Stack>
              <Group>
                <ThemeIcon variant="light" size="lg">
                  <IconFileSpreadsheet size={20} />
                </ThemeIcon>
                <div>
                  <Text fw={600}>{uploading.name}</Text>
                  <Text size="xs" c="dimmed">
                    {f.bytes(uploading.size * uploading.fraction)} / {f.bytes(uploading.size)}
                  </Text>
                </div>
              </Group>
              <Progress
                value={uploading.fraction * 100}
                size="lg"
                animated
                striped
                aria-label={t('imports.uploading')}
              />
              <Text size="sm" c="dimmed">
                {uploading.fraction >= 1 ? t('imports.reading') : t('imports.uploading')}
              </Text>
            </Stack>
          </Paper>
        ) : (
          <Dropzone
            onDrop={(files) => files[0] && void upload(files[0])}
            onReject={(r) => setError(r[0]?.errors[0]?.message ?? t('imports.rejectedFile'))}
            maxFiles={1}
            multiple={false}
            accept={ACCEPT}
            aria-label={t('imports.dropTitle')}
          >
            <Group justify="center" gap="xl" mih={200} style={{ pointerEvents: 'none' }}>
              <Dropzone.Accept>
                <IconUpload size={52} stroke={1.5} color="var(--mantine-color-freehold-6)" />
              </Dropzone.Accept>
              <Dropzone.Reject>
                <IconX size={52} stroke={1.5} color="var(--mantine-color-red-6)" />
              </Dropzone.Reject>
              <Dropzone.Idle>
                <IconFileSpreadsheet size={52} stroke={1.5} color="var(--mantine-color-dimmed)" />
              </Dropzone.Idle>
              <div>
                <Text size="xl" inline>
                  {t('imports.dropTitle')}
                </Text>
                <Text size="sm" c="dimmed" inline mt={7} display="block">
                  {t('imports.dropHint')}
                </Text>
              </div>
            </Group>
          </Dropzone>
        )}
        {error && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('imports.uploadFailed')}>
            {error}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Text size="sm" fw={600} mb={6}>
            {t('imports.tipsTitle')}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('imports.tips.formats')}</List.Item>
            <List.Item>{t('imports.tips.encoding')}</List.Item>
            <List.Item>{t('imports.tips.dedupe')}</List.Item>
            <List.Item>{t('imports.tips.rejects')}</List.Item>
          </List>
        </Paper>
      </Stack>
    </>
  );
}
