import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { applyFormErrors } from '../../lib/errors.tsx';
import { useFormat } from '../../lib/format.ts';
import type { ApiKey, ApiKeyCreated, List } from '../../lib/types.ts';
import { Section } from './section.tsx';

export function ApiKeysSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api.get<List<ApiKey>>('/api-keys'),
    select: (r) => r.data,
  });
  const form = useForm({ initialValues: { name: '' } });
  const create = useMutation({
    mutationFn: (v: { name: string }) => api.post<ApiKeyCreated>('/api-keys', v),
    meta: { silentError: true },
    onSuccess: async (k) => {
      setCreated(k);
      form.reset();
      await qc.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api-keys/${id}`),
    onSuccess: async () => {
      setRevoking(null);
      await qc.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const closeCreate = () => {
    setCreating(false);
    setCreated(null);
  };
  return (
    <Section
      title={t('settings.apiKeys.title')}
      description={t('settings.apiKeys.description')}
      actions={
        <Button leftSection={<IconKey size={16} />} onClick={() => setCreating(true)}>
          {t('settings.apiKeys.create')}
        </Button>
      }
    >
      {keys.isError && <QueryError error={keys.error} />}
      {keys.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.apiKeys.none')}
        </Text>
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.apiKeys.name')}</Table.Th>
              <Table.Th>{t('settings.apiKeys.prefix')}</Table.Th>
              <Table.Th>{t('settings.apiKeys.created')}</Table.Th>
              <Table.Th>{t('settings.apiKeys.lastUsed')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data?.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td fw={600}>{k.name}</Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>{f.date(k.createdAt)}</Table.Td>
                <Table.Td>{k.lastUsedAt ? f.relative(k.lastUsedAt) : t('settings.apiKeys.never')}</Table.Td>
                <Table.Td>
                  <Tooltip label={t('settings.apiKeys.revoke')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('settings.apiKeys.revoke')}
                      onClick={() => setRevoking(k)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={creating} onClose={closeCreate} title={t('settings.apiKeys.create')}>
        {created ? (
          <Stack>
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              {t('settings.apiKeys.shownOnce')}
            </Alert>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                value={created.key}
                readOnly
                flex={1}
                ff="monospace"
                aria-label={t('settings.apiKeys.key')}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Button
                    onClick={copy}
                    color={copied ? 'teal' : undefined}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('settings.apiKeys.usage')} <Code>Authorization: Bearer {created.prefix}…</Code>
            </Text>
            <Group justify="flex-end">
              <Button onClick={closeCreate}>{t('common.close')}</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
            <Stack>
              <TextInput
                label={t('settings.apiKeys.name')}
                placeholder={t('settings.apiKeys.namePlaceholder')}
                required
                data-autofocus
                {...form.getInputProps('name')}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={closeCreate}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={create.isPending}>
                  {t('common.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
      <Modal opened={!!revoking} onClose={() => setRevoking(null)} title={t('settings.apiKeys.revokeTitle')}>
        <Stack>
          <Text size="sm">{t('settings.apiKeys.revokeConfirm', { name: revoking?.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              {t('settings.apiKeys.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
