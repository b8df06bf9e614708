import { Alert, Anchor, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../../lib/api.ts';
import { notifyError, notifySuccess, problemOf } from '../../../lib/errors.tsx';
import { type Carrier, type ImportResult, type RateCardIssue, shippingKeys } from './types.ts';

/** `row.12.max_kg` → line 12, column max_kg; the API names every problem of a refused card this way. */
function toIssues(errors: { field: string; message: string }[]): RateCardIssue[] {
  return errors.map((e) => {
    const m = /^row\.(\d+)(?:\.(.+))?$/.exec(e.field);
    return m
      ? { line: Number(m[1]), column: m[2] ?? null, message: e.message }
      : { line: 0, column: e.field, message: e.message };
  });
}

function IssueTable({ issues }: { issues: RateCardIssue[] }) {
  const { t } = useTranslation();
  return (
    <ScrollArea.Autosize mah={320}>
      <Table striped verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('comShipping.import.line')}</Table.Th>
            <Table.Th w={120}>{t('comShipping.import.column')}</Table.Th>
            <Table.Th>{t('comShipping.import.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i) => (
            <Table.Tr key={`${i.line}:${i.column}:${i.message}`}>
              <Table.Td ff="monospace">{i.line || '—'}</Table.Td>
              <Table.Td ff="monospace">{i.column ?? ''}</Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

/**
 * Import a rate card CSV as the carrier's next version. "Check" validates without storing; a refused file lists
 * every problem by line and column, and the active version stays as it is.
 */
export function ImportCardModal({
  carrier,
  opened,
  onClose,
}: {
  carrier: Carrier;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<RateCardIssue[] | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const reset = () => {
    setIssues(null);
    setChecked(null);
  };
  const send = useMutation({
    // This form shows the errors itself (beside the fields, or per row).
    meta: { silentError: true },
    mutationFn: async (dryRun: boolean) => {
      if (!file) throw new Error(t('comShipping.import.chooseFile'));
      const csv = await file.text();
      return api.post<ImportResult>(`/carriers/${carrier.id}/rate-cards`, { csv, filename: file.name, dryRun });
    },
    onMutate: reset,
    onSuccess: (r, dryRun) => {
      if (dryRun) {
        setChecked(r);
        return;
      }
      void qc.invalidateQueries({ queryKey: shippingKeys.all });
      notifySuccess(t('comShipping.import.done', { name: carrier.name, version: r.rateCard?.version }));
      setFile(null);
      onClose();
    },
    onError: (err) => {
      const p = problemOf(err);
      if (p.code === 'VALIDATION' && p.errors?.length) setIssues(toIssues(p.errors));
      else notifyError(err);
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('comShipping.import.title', { name: carrier.name })} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('comShipping.import.hint')}{' '}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() =>
              void download('/carriers/rate-card-example.csv', undefined, 'rate-card-example.csv').catch(notifyError)
            }
          >
            {t('comShipping.import.example')}
          </Anchor>
        </Text>
        <FileInput
          label={t('comShipping.import.file')}
          placeholder={t('comShipping.import.chooseFile')}
          accept=".csv,text/csv,text/plain"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            reset();
          }}
          clearable
          data-autofocus
        />
        {issues && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('comShipping.import.refused', { count: issues.length })}
          >
            <IssueTable issues={issues} />
          </Alert>
        )}
        {checked && (
          <Alert color="teal" icon={<IconCheck size={18} />} title={t('comShipping.import.valid')}>
            {checked.servicesCreated.length > 0 && (
              <Text size="sm">
                {t('comShipping.import.newServices', { codes: checked.servicesCreated.join(', ') })}
              </Text>
            )}
            {checked.warnings.length > 0 && <IssueTable issues={checked.warnings} />}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => send.mutate(true)}
            loading={send.isPending && send.variables}
            disabled={!file}
          >
            {t('comShipping.import.check')}
          </Button>
          <Button onClick={() => send.mutate(false)} loading={send.isPending && !send.variables} disabled={!file}>
            {t('comShipping.import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
