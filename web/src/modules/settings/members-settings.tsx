import {
  ActionIcon,
  Avatar,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconMailPlus, IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../lib/errors.tsx';
import { initials, useFormat } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { type Invitation, type InvitationCreated, type List, type Member, ROLES, type Role } from '../../lib/types.ts';
import { Section } from './section.tsx';

function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const form = useForm({ initialValues: { email: '', role: 'member' as Role } });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) => api.post<InvitationCreated>('/invitations', v),
    meta: { silentError: true },
    onSuccess: async (r) => {
      setCreated(r);
      await qc.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const close = () => {
    setCreated(null);
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('settings.members.inviteTitle')}>
      {created ? (
        <Stack>
          <Text size="sm">{t('settings.members.inviteCreated', { email: created.email })}</Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={created.acceptUrl}
              readOnly
              flex={1}
              aria-label={t('settings.members.acceptUrl')}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={created.acceptUrl}>
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
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => invite.mutate(v))}>
          <Stack>
            <TextInput label={t('auth.email')} type="email" required data-autofocus {...form.getInputProps('email')} />
            <Select
              label={t('settings.members.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('settings.members.sendInvite')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function MembersSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { me } = useSession();
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const isAdmin = me.role === 'owner' || me.role === 'admin';
  const members = useQuery({
    queryKey: ['members'],
    queryFn: () => api.get<List<Member>>('/members'),
    select: (r) => r.data,
  });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => api.get<List<Invitation>>('/invitations'),
    select: (r) => r.data,
    enabled: isAdmin,
  });
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api.patch(`/members/${userId}`, { role }),
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.delete(`/members/${userId}`),
    onSuccess: async () => {
      setRemoving(null);
      await qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
  return (
    <>
      <Section
        title={t('settings.members.title')}
        description={t('settings.members.description')}
        actions={
          isAdmin && (
            <Button leftSection={<IconMailPlus size={16} />} onClick={() => setInviting(true)}>
              {t('settings.members.invite')}
            </Button>
          )
        }
      >
        {members.isError && <QueryError error={members.error} />}
        <Table verticalSpacing="sm">
          <Table.Tbody>
            {members.data?.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar radius="xl" color="freehold">
                      {initials(m.name || m.email)}
                    </Avatar>
                    <div>
                      <Text size="sm" fw={600}>
                        {m.name || m.email}{' '}
                        {m.userId === me.user.id && (
                          <Text span c="dimmed" size="xs">
                            ({t('settings.members.you')})
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {m.email}
                      </Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td w={180}>
                  <Select
                    aria-label={t('settings.members.roleOf', { name: m.name || m.email })}
                    data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                    value={m.role}
                    allowDeselect={false}
                    disabled={!isAdmin || m.userId === me.user.id}
                    onChange={(r) => r && changeRole.mutate({ userId: m.userId, role: r as Role })}
                  />
                </Table.Td>
                <Table.Td w={50}>
                  {isAdmin && m.userId !== me.user.id && (
                    <Tooltip label={t('settings.members.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.members.remove')}
                        onClick={() => setRemoving(m)}
                      >
                        <IconUserMinus size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      {isAdmin && (
        <Section title={t('settings.members.invitations')} description={t('settings.members.invitationsHint')}>
          {invitations.data?.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('settings.members.noInvitations')}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {invitations.data?.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.email}</Table.Td>
                    <Table.Td>{t(`roles.${i.role}`)}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {t('settings.members.expires', { date: f.date(i.expiresAt) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      )}
      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
      <Modal opened={!!removing} onClose={() => setRemoving(null)} title={t('settings.members.removeTitle')}>
        <Stack>
          <Text size="sm">{t('settings.members.removeConfirm', { name: removing?.name || removing?.email })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate(removing.userId)}>
              {t('settings.members.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
