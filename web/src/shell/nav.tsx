import { Badge, Box, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconBuildingStore,
  IconChartBar,
  IconChecklist,
  IconFileImport,
  IconHeartHandshake,
  IconLayoutKanban,
  IconMail,
  IconPackage,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router-dom';

type Item = { to: string; label: string; icon: ReactNode };

export function Nav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const live: Item[] = [
    { to: '/contacts', label: t('nav.contacts'), icon: <IconUsers size={18} /> },
    { to: '/companies', label: t('nav.companies'), icon: <IconBuildingStore size={18} /> },
    { to: '/deals', label: t('nav.deals'), icon: <IconLayoutKanban size={18} /> },
    { to: '/tasks', label: t('nav.tasks'), icon: <IconChecklist size={18} /> },
    { to: '/imports', label: t('nav.imports'), icon: <IconFileImport size={18} /> },
  ];
  const soon: Omit<Item, 'to'>[] = [
    { label: t('nav.audience'), icon: <IconMail size={18} /> },
    { label: t('nav.orders'), icon: <IconPackage size={18} /> },
    { label: t('nav.partners'), icon: <IconHeartHandshake size={18} /> },
    { label: t('nav.relationships'), icon: <IconUsersGroup size={18} /> },
    { label: t('nav.analytics'), icon: <IconChartBar size={18} /> },
  ];
  const active = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Stack gap={0} h="100%">
      <ScrollArea flex={1} type="auto">
        <Box component="nav" aria-label={t('nav.label')} p="xs">
          {live.map((i) => (
            <NavLink
              key={i.to}
              component={RouterNavLink}
              to={i.to}
              label={i.label}
              leftSection={i.icon}
              active={active(i.to)}
              onClick={onNavigate}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              mb={2}
            />
          ))}
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
            {t('nav.comingSoonHeading')}
          </Text>
          {soon.map((i) => (
            <Tooltip key={i.label} label={t('nav.comingSoon')} position="right">
              <Box>
                <NavLink
                  component="button"
                  type="button"
                  label={i.label}
                  leftSection={i.icon}
                  rightSection={
                    <Badge size="xs" variant="light" color="gray">
                      {t('nav.soon')}
                    </Badge>
                  }
                  disabled
                  aria-disabled="true"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  mb={2}
                />
              </Box>
            </Tooltip>
          ))}
        </Box>
      </ScrollArea>
      <Box p="xs" style={{ borderBlockStart: '1px solid var(--fh-border)' }}>
        <NavLink
          component={RouterNavLink}
          to="/settings"
          label={t('nav.settings')}
          leftSection={<IconSettings size={18} />}
          active={active('/settings')}
          onClick={onNavigate}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      </Box>
    </Stack>
  );
}
