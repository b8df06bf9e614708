import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUserCheck, IconUserX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type AttendanceImport, planKeys, type Webinar } from './types.ts';

/** Upload a Zoom/Teams/Meet export; shows what the last import did, and every row it could not match. */
export function AttendanceImportCard({ webinar }: { webinar: Webinar }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const started = new Date(webinar.startsAt).getTime() <= Date.now();
  const history = useQuery({
    queryKey: [...planKeys.webinar(webinar.id), 'attendance'],
    queryFn: () => api.get<{ data: AttendanceImport[] }>(`/webinars/${webinar.id}/attendance`),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<AttendanceImport>(`/webinars/${webinar.id}/attendance`, form);
    },
    onSuccess: async (r) => {
      notifySuccess(t('audPlan.attendance.done', { attended: r.attended, noShows: r.noShows }));
      await qc.invalidateQueries({ queryKey: planKeys.webinars });
    },
    onError: (err) => notifyError(err, t('audPlan.attendance.failed')),
  });
  const last = history.data?.data[0];

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={4}>{t('audPlan.attendance.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('audPlan.attendance.hint')}
          </Text>
        </div>
        <FileButton onChange={(file) => file && upload.mutate(file)} accept=".csv,.tsv,.txt,text/csv">
          {(props) => (
            <Button
              {...props}
              leftSection={<IconFileUpload size={16} />}
              loading={upload.isPending}
              disabled={!started}
            >
              {t('audPlan.attendance.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      {!started && (
        <Text size="sm" c="dimmed">
          {t('audPlan.attendance.notYet')}
        </Text>
      )}
      {last && (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('audPlan.attendance.lastImport', {
              file: last.fileName ?? '—',
              at: f.dateTime(last.createdAt),
              rows: last.rows,
            })}
            {last.columns.email && (
              <>
                {' · '}
                {t('audPlan.attendance.columns')} <Code>{last.columns.email}</Code>
                {last.columns.minutes && (
                  <>
                    {' '}
                    <Code>{last.columns.minutes}</Code>
                  </>
                )}
              </>
            )}
          </Text>
          <SimpleGrid cols={3}>
            <Stat
              icon={<IconUserCheck size={18} />}
              color="teal"
              label={t('audPlan.attendance.attended')}
              value={last.attended}
            />
            <Stat
              icon={<IconUserX size={18} />}
              color="gray"
              label={t('audPlan.attendance.noShows')}
              value={last.noShows}
            />
            <Stat
              icon={<IconAlertTriangle size={18} />}
              color={last.unmatched.length ? 'orange' : 'gray'}
              label={t('audPlan.attendance.unmatched')}
              value={last.unmatched.length}
            />
          </SimpleGrid>
          {last.unmatched.length > 0 && (
            <Alert color="orange" variant="light" title={t('audPlan.attendance.unmatchedTitle')}>
              <Text size="sm" mb="xs">
                {t('audPlan.attendance.unmatchedHint')}
              </Text>
              <Table.ScrollContainer minWidth={0}>
                <Table fz="xs" verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audPlan.attendance.line')}</Table.Th>
                      <Table.Th>{t('audPlan.attendance.email')}</Table.Th>
                      <Table.Th>{t('audPlan.attendance.reason')}</Table.Th>
                      <Table.Th>{t('audPlan.attendance.row')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {last.unmatched.map((u) => (
                      <Table.Tr key={u.line}>
                        <Table.Td>{u.line}</Table.Td>
                        <Table.Td>
                          {u.email ?? (
                            <Badge size="xs" color="gray">
                              {t('audPlan.attendance.noEmail')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{u.reason}</Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace" lineClamp={1} maw={160} style={{ wordBreak: 'break-all' }}>
                            {u.raw}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Stat({ icon, color, label, value }: { icon: React.ReactNode; color: string; label: string; value: number }) {
  const f = useFormat();
  return (
    <Paper withBorder p="sm" radius="md">
      <Group gap="xs" c={color}>
        {icon}
        <Text size="xs" c="dimmed">
          {label}
        </Text>
      </Group>
      <Text size="xl" fw={700}>
        {f.number(value)}
      </Text>
    </Paper>
  );
}
