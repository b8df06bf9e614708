import { Box, Grid, NavLink, Paper } from '@mantine/core';
import {
  IconAdjustments,
  IconBuildingCommunity,
  IconForms,
  IconKey,
  IconLayoutKanban,
  IconStairs,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink as RouterLink, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../lib/session.tsx';
import { ApiKeysSettings } from './api-keys-settings.tsx';
import { CustomFieldsSettings } from './custom-fields-settings.tsx';
import { LifecycleSettings } from './lifecycle-settings.tsx';
import { MembersSettings } from './members-settings.tsx';
import { PipelinesSettings } from './pipelines-settings.tsx';
import { PreferencesSettings } from './preferences-settings.tsx';
import { WorkspaceSettings } from './workspace-settings.tsx';

const TABS = ['workspace', 'members', 'api-keys', 'fields', 'stages', 'pipelines', 'preferences'] as const;
type Tab = (typeof TABS)[number];

/** Tabs whose API is for admins only; members don't see them. */
const ADMIN_TABS: readonly Tab[] = ['api-keys'];

export function SettingsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const { me } = useSession();
  const isAdmin = me.role === 'owner' || me.role === 'admin';
  const visible = TABS.filter((k) => isAdmin || !ADMIN_TABS.includes(k));
  if (!visible.includes(tab as Tab)) return <Navigate to="/settings/workspace" replace />;
  const items: Record<Tab, { label: string; icon: ReactNode; body: ReactNode }> = {
    workspace: {
      label: t('settings.tabs.workspace'),
      icon: <IconBuildingCommunity size={18} />,
      body: <WorkspaceSettings />,
    },
    members: { label: t('settings.tabs.members'), icon: <IconUsers size={18} />, body: <MembersSettings /> },
    'api-keys': { label: t('settings.tabs.apiKeys'), icon: <IconKey size={18} />, body: <ApiKeysSettings /> },
    fields: { label: t('settings.tabs.fields'), icon: <IconForms size={18} />, body: <CustomFieldsSettings /> },
    stages: { label: t('settings.tabs.stages'), icon: <IconStairs size={18} />, body: <LifecycleSettings /> },
    pipelines: {
      label: t('settings.tabs.pipelines'),
      icon: <IconLayoutKanban size={18} />,
      body: <PipelinesSettings />,
    },
    preferences: {
      label: t('settings.tabs.preferences'),
      icon: <IconAdjustments size={18} />,
      body: <PreferencesSettings />,
    },
  };
  const current = items[tab as Tab];
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
          <Paper withBorder p={6} component="nav" aria-label={t('settings.title')}>
            {visible.map((k) => (
              <NavLink
                key={k}
                component={RouterLink}
                to={`/settings/${k}`}
                label={items[k].label}
                leftSection={items[k].icon}
                active={k === tab}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 9 }}>
          <Box maw={900}>{current.body}</Box>
        </Grid.Col>
      </Grid>
    </>
  );
}
