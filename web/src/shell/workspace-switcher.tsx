import { Avatar, Group, Menu, Modal, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../lib/api.ts';
import { initials } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { CreateWorkspaceForm } from './create-workspace-form.tsx';

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const { me, workspace } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [creating, createModal] = useDisclosure(false);

  // Everything cached belongs to the old workspace: drop it, land on a page that exists everywhere.
  const afterSwitch = async () => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'setup' });
    navigate('/contacts');
    await qc.invalidateQueries({ queryKey: ['me'] });
  };
  const switchTo = useMutation({
    mutationFn: (workspaceId: string) => api.post('/me/workspace', { workspaceId }),
    onSuccess: afterSwitch,
  });

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <UnstyledButton
            aria-label={t('workspace.switch')}
            px="sm"
            py={6}
            style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--fh-border)' }}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar size={26} radius="sm" color="freehold" variant="filled">
                {initials(workspace?.name ?? '?')}
              </Avatar>
              <Text size="sm" fw={600} truncate maw={{ base: 110, sm: 180 }}>
                {workspace?.name}
              </Text>
              <IconSelector size={16} opacity={0.6} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('workspace.yours')}</Menu.Label>
          {me.workspaces.map((w) => (
            <Menu.Item
              key={w.id}
              leftSection={
                <Avatar size={22} radius="sm" color="freehold">
                  {initials(w.name)}
                </Avatar>
              }
              rightSection={w.id === workspace?.id ? <IconCheck size={16} /> : null}
              onClick={() => w.id !== workspace?.id && switchTo.mutate(w.id)}
            >
              <Text size="sm" truncate>
                {w.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${w.role}`)}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('workspace.createMenu')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={creating} onClose={createModal.close} title={t('workspace.createTitle')}>
        <CreateWorkspaceForm
          onCancel={createModal.close}
          onCreated={async () => {
            createModal.close();
            await afterSwitch();
          }}
        />
      </Modal>
    </>
  );
}
