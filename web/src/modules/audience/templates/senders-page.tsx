import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Menu,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconCheck,
  IconCopy,
  IconDots,
  IconKey,
  IconPlugConnected,
  IconPlus,
  IconServer,
  IconStar,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifyError } from '../../../lib/errors.tsx';
import { templateKeys, useSendingAccounts } from './queries.ts';
import type { ConnectionTest, DkimGenerated, DnsRecord, SendingAccount } from './types.ts';

function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={`${t('common.copy')}: ${label}`}
          >
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** One DNS record, each part copyable: what people paste into their DNS provider's form. */
function DnsRecordView({ title, record }: { title: string; record: DnsRecord }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md">
      <Text fw={600} size="sm" mb={6}>
        {title}{' '}
        <Badge size="xs" variant="light">
          {record.type}
        </Badge>
      </Text>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" w={56} style={{ flexShrink: 0 }}>
            {t('audTemplates.senders.dnsName')}
          </Text>
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} dir="ltr">
            {record.name}
          </Code>
          <CopyValue value={record.name} label={t('audTemplates.senders.dnsName')} />
        </Group>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" w={56} style={{ flexShrink: 0 }}>
            {t('audTemplates.senders.dnsValue')}
          </Text>
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir="ltr">
            {record.value}
          </Code>
          <CopyValue value={record.value} label={t('audTemplates.senders.dnsValue')} />
        </Group>
        <Text size="xs" c="dimmed">
          {record.note}
        </Text>
      </Stack>
    </Paper>
  );
}

type FormValues = {
  name: string;
  smtpUrl: string;
  fromEmail: string;
  fromName: string;
  replyTo: string;
  maxPerMinute: number | string;
  isDefault: boolean;
};

function AccountModal({
  opened,
  onClose,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  account: SendingAccount | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      name: account?.name ?? '',
      smtpUrl: account?.smtpUrl ?? '',
      fromEmail: account?.fromEmail ?? '',
      fromName: account?.fromName ?? '',
      replyTo: account?.replyTo ?? '',
      maxPerMinute: account?.maxPerMinute ?? '',
      isDefault: account?.isDefault ?? false,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      fromEmail: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('validation.email')),
      smtpUrl: (v) => (!v.trim() || /^smtps?:\/\//i.test(v.trim()) ? null : t('audTemplates.senders.smtpUrlInvalid')),
    },
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        name: v.name.trim(),
        smtpUrl: v.smtpUrl.trim() || null,
        fromEmail: v.fromEmail.trim(),
        fromName: v.fromName.trim() || null,
        replyTo: v.replyTo.trim() || null,
        maxPerMinute: v.maxPerMinute === '' ? null : Number(v.maxPerMinute),
        ...(account?.isDefault ? {} : { isDefault: v.isDefault }),
      };
      return account
        ? api.patch<SendingAccount>(`/sending-accounts/${account.id}`, body)
        : api.post<SendingAccount>('/sending-accounts', body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: templateKeys.senders });
      onClose();
    },
    onError: (e) => applyFormErrors(form, e, t('audTemplates.senders.saveFailed')),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t('audTemplates.senders.edit') : t('audTemplates.senders.add')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <TextInput
            label={t('audTemplates.senders.name')}
            description={t('audTemplates.senders.nameHint')}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label={t('audTemplates.senders.smtpUrl')}
            description={t('audTemplates.senders.smtpUrlHint')}
            placeholder="smtp://user:password@smtp.example.com:587"
            autoComplete="off"
            dir="ltr"
            {...form.getInputProps('smtpUrl')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('audTemplates.senders.fromEmail')}
              placeholder="news@example.com"
              dir="ltr"
              {...form.getInputProps('fromEmail')}
            />
            <TextInput label={t('audTemplates.senders.fromName')} {...form.getInputProps('fromName')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('audTemplates.senders.replyTo')}
              placeholder="hello@example.com"
              dir="ltr"
              {...form.getInputProps('replyTo')}
            />
            <NumberInput
              label={t('audTemplates.senders.throttle')}
              description={t('audTemplates.senders.throttleHint')}
              min={1}
              max={100000}
              allowDecimal={false}
              {...form.getInputProps('maxPerMinute')}
            />
          </Group>
          {!account?.isDefault && (
            <Checkbox
              label={t('audTemplates.senders.makeDefault')}
              {...form.getInputProps('isDefault', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DkimModal({ account, onClose }: { account: SendingAccount | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [domain, setDomain] = useState('');
  const generate = useMutation({
    mutationFn: () =>
      api.post<DkimGenerated>(`/sending-accounts/${account?.id}/dkim`, domain.trim() ? { domain: domain.trim() } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: templateKeys.senders }),
    onError: (e) => notifyError(e, t('audTemplates.senders.dkimFailed')),
  });
  const close = () => {
    generate.reset();
    setDomain('');
    onClose();
  };
  const record = generate.data?.record ?? account?.dkim?.record ?? null;
  const dns = generate.data?.account.dns ?? account?.dns;
  return (
    <Modal opened={!!account} onClose={close} title={t('audTemplates.senders.dkimTitle')} size="xl">
      {account && (
        <Stack gap="md">
          <Text size="sm">
            {t('audTemplates.senders.dkimIntro', { domain: account.dkim?.domain ?? account.domain })}
          </Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('audTemplates.senders.dkimDomain')}
              placeholder={account.domain}
              value={domain}
              onChange={(e) => setDomain(e.currentTarget.value)}
              dir="ltr"
              style={{ flex: 1 }}
            />
            <Button leftSection={<IconKey size={16} />} onClick={() => generate.mutate()} loading={generate.isPending}>
              {account.dkim ? t('audTemplates.senders.dkimRotate') : t('audTemplates.senders.dkimGenerate')}
            </Button>
          </Group>
          {account.dkim && !generate.data && (
            <Text size="xs" c="dimmed">
              {t('audTemplates.senders.dkimRotateHint')}
            </Text>
          )}
          {generate.data && (
            <Alert color="teal" icon={<IconCheck size={18} />}>
              {t('audTemplates.senders.dkimDone')}
            </Alert>
          )}
          {record && <DnsRecordView title={t('audTemplates.senders.dkimRecord')} record={record} />}
          {dns && (
            <>
              <DnsRecordView title={t('audTemplates.senders.spfRecord')} record={dns.spf} />
              <DnsRecordView title={t('audTemplates.senders.dmarcRecord')} record={dns.dmarc} />
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}

export function SendersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const accounts = useSendingAccounts();
  const [editing, setEditing] = useState<SendingAccount | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [dkimFor, setDkimFor] = useState<SendingAccount | null>(null);
  const [deleting, setDeleting] = useState<SendingAccount | null>(null);
  const [tests, setTests] = useState<Record<string, ConnectionTest>>({});

  const test = useMutation({
    mutationFn: (id: string) => api.post<ConnectionTest>(`/sending-accounts/${id}/test`),
    onSuccess: (r, id) => setTests((s) => ({ ...s, [id]: r })),
    onError: (e) => notifyError(e),
  });
  const makeDefault = useMutation({
    mutationFn: (id: string) => api.patch<SendingAccount>(`/sending-accounts/${id}`, { isDefault: true }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: templateKeys.senders }),
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/sending-accounts/${id}`),
    onSuccess: () => {
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: templateKeys.senders });
    },
    onError: (e) => notifyError(e),
  });
  const openForm = (a: SendingAccount | null) => {
    setEditing(a);
    setFormOpen(true);
  };
  const list = accounts.data ?? [];

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audTemplates.title'), to: '/audience/templates' }]}
        title={t('audTemplates.senders.title')}
        description={t('audTemplates.senders.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
            {t('audTemplates.senders.add')}
          </Button>
        }
      />
      {accounts.isPending ? (
        <PageLoader />
      ) : accounts.isError ? (
        <QueryError error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<IconServer size={28} />}
          title={t('audTemplates.senders.emptyTitle')}
          description={t('audTemplates.senders.emptyDescription')}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
            {t('audTemplates.senders.add')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audTemplates.senders.name')}</Table.Th>
                  <Table.Th>{t('audTemplates.senders.from')}</Table.Th>
                  <Table.Th>{t('audTemplates.senders.server')}</Table.Th>
                  <Table.Th>{t('audTemplates.senders.throttle')}</Table.Th>
                  <Table.Th>DKIM</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((a) => {
                  const result = tests[a.id];
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text fw={600} size="sm">
                            {a.name}
                          </Text>
                          {a.isDefault && (
                            <Badge size="xs" variant="light">
                              {t('audTemplates.senders.default')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.fromName ? `${a.fromName} <${a.fromEmail}>` : a.fromEmail}</Text>
                        {a.replyTo && (
                          <Text size="xs" c="dimmed">
                            {t('audTemplates.senders.replyToShort', { email: a.replyTo })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                          {a.smtpUrl ?? t('audTemplates.senders.serverDefault')}
                        </Text>
                        {result && (
                          <Text size="xs" c={result.ok ? 'teal' : 'red'} role="status" mt={2}>
                            {result.message}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {a.maxPerMinute
                            ? t('audTemplates.senders.perMinute', { count: a.maxPerMinute })
                            : t('audTemplates.senders.noThrottle')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {a.dkim ? (
                          <Tooltip label={a.dkim.record.name}>
                            <Badge color="teal" variant="light">
                              {a.dkim.domain}
                            </Badge>
                          </Tooltip>
                        ) : (
                          <Button size="compact-xs" variant="light" onClick={() => setDkimFor(a)}>
                            {t('audTemplates.senders.dkimGenerate')}
                          </Button>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            leftSection={<IconPlugConnected size={14} />}
                            loading={test.isPending && test.variables === a.id}
                            onClick={() => test.mutate(a.id)}
                          >
                            {t('audTemplates.senders.test')}
                          </Button>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" color="gray" aria-label={t('common.more')}>
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => openForm(a)}>{t('common.edit')}</Menu.Item>
                              <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setDkimFor(a)}>
                                {t('audTemplates.senders.dnsRecords')}
                              </Menu.Item>
                              {!a.isDefault && (
                                <Menu.Item
                                  leftSection={<IconStar size={14} />}
                                  onClick={() => makeDefault.mutate(a.id)}
                                >
                                  {t('audTemplates.senders.makeDefault')}
                                </Menu.Item>
                              )}
                              <Menu.Item
                                color="red"
                                leftSection={<IconTrash size={14} />}
                                onClick={() => setDeleting(a)}
                              >
                                {t('common.delete')}
                              </Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {formOpen && (
        <AccountModal
          key={editing?.id ?? 'new'}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
          account={editing}
        />
      )}
      <DkimModal account={dkimFor} onClose={() => setDkimFor(null)} />
      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={t('audTemplates.senders.deleteTitle')}>
        <Text size="sm">
          {t(deleting?.isDefault ? 'audTemplates.senders.deleteDefaultText' : 'audTemplates.senders.deleteText', {
            name: deleting?.name ?? '',
          })}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
