import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconLanguage, IconLogout, IconSettings, IconUser } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { changeLanguage } from '../i18n/index.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { api } from '../lib/api.ts';
import { initials } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => api.post('/auth/sign-out'),
    onSuccess: () => {
      qc.clear();
      navigate('/login', { replace: true });
    },
  });
  const name = me.user.name || me.user.email;
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('user.menu')} style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="freehold">
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Group gap={6} wrap="nowrap">
            <IconUser size={14} />
            <Text size="xs" truncate>
              {me.user.email}
            </Text>
          </Group>
        </Menu.Label>
        <Menu.Sub>
          <Menu.Sub.Target>
            <Menu.Sub.Item leftSection={<IconLanguage size={16} />}>{t('user.language')}</Menu.Sub.Item>
          </Menu.Sub.Target>
          <Menu.Sub.Dropdown>
            {LANGUAGES.map((l) => (
              <Menu.Item
                key={l.code}
                onClick={() => void changeLanguage(l.code)}
                rightSection={i18n.language === l.code ? <IconCheck size={14} /> : null}
              >
                <span lang={l.code} dir={l.dir}>
                  {l.nativeName}
                </span>
              </Menu.Item>
            ))}
          </Menu.Sub.Dropdown>
        </Menu.Sub>
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate('/settings/preferences')}>
          {t('user.preferences')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => signOut.mutate()}>
          {t('user.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
