import { Badge, Box, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAt,
  IconBox,
  IconBuildingStore,
  IconBuildingWarehouse,
  IconCalendar,
  IconChartBar,
  IconChartDots,
  IconChecklist,
  IconFileImport,
  IconFilter,
  IconForms,
  IconHeartHandshake,
  IconInbox,
  IconLayoutKanban,
  IconList,
  IconMail,
  IconMailCheck,
  IconMapPin,
  IconPackage,
  IconPlugConnected,
  IconPresentation,
  IconReceipt,
  IconRoute,
  IconSend,
  IconSettings,
  IconTemplate,
  IconTruckDelivery,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router-dom';

type Item = { to: string; label: string; icon: ReactNode };

function NavGroup(props: {
  label: string;
  icon: ReactNode;
  prefix: string;
  items: Item[];
  active: (to: string) => boolean;
  onNavigate: () => void;
}) {
  const { pathname } = useLocation();
  return (
    <NavLink
      label={props.label}
      leftSection={props.icon}
      defaultOpened={pathname.startsWith(props.prefix)}
      childrenOffset={28}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      mb={2}
    >
      {props.items.map((i) => (
        <NavLink
          key={i.to}
          component={RouterNavLink}
          to={i.to}
          label={i.label}
          leftSection={i.icon}
          active={props.active(i.to)}
          onClick={props.onNavigate}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          mb={2}
        />
      ))}
    </NavLink>
  );
}

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
  const audience: Item[] = [
    { to: '/audience/campaigns', label: t('nav.campaigns'), icon: <IconSend size={16} /> },
    { to: '/audience/lists', label: t('nav.lists'), icon: <IconList size={16} /> },
    { to: '/audience/segments', label: t('nav.segments'), icon: <IconFilter size={16} /> },
    { to: '/audience/forms', label: t('nav.forms'), icon: <IconForms size={16} /> },
    { to: '/audience/flows', label: t('nav.flows'), icon: <IconRoute size={16} /> },
    { to: '/audience/templates', label: t('nav.templates'), icon: <IconTemplate size={16} /> },
    { to: '/audience/calendar', label: t('nav.calendar'), icon: <IconCalendar size={16} /> },
    { to: '/audience/webinars', label: t('nav.webinars'), icon: <IconPresentation size={16} /> },
    { to: '/audience/report', label: t('nav.contentReport'), icon: <IconChartDots size={16} /> },
    { to: '/audience/deliverability', label: t('nav.deliverability'), icon: <IconMailCheck size={16} /> },
    { to: '/audience/senders', label: t('nav.senders'), icon: <IconAt size={16} /> },
    { to: '/audience/outbox', label: t('nav.outbox'), icon: <IconInbox size={16} /> },
  ];
  const commerce: Item[] = [
    { to: '/commerce/orders', label: t('nav.orders'), icon: <IconReceipt size={16} /> },
    { to: '/commerce/products', label: t('nav.products'), icon: <IconBox size={16} /> },
    { to: '/commerce/stock', label: t('nav.stock'), icon: <IconBuildingWarehouse size={16} /> },
    { to: '/commerce/shipping', label: t('nav.shipping'), icon: <IconTruckDelivery size={16} /> },
    { to: '/commerce/pickup-points', label: t('nav.pickupPoints'), icon: <IconMapPin size={16} /> },
    { to: '/commerce/storefronts', label: t('nav.storefronts'), icon: <IconPlugConnected size={16} /> },
  ];
  const soon: Omit<Item, 'to'>[] = [
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
          <NavGroup
            label={t('nav.audience')}
            icon={<IconMail size={18} />}
            prefix="/audience"
            items={audience}
            active={active}
            onNavigate={onNavigate}
          />
          <NavGroup
            label={t('nav.commerce')}
            icon={<IconPackage size={18} />}
            prefix="/commerce"
            items={commerce}
            active={active}
            onNavigate={onNavigate}
          />
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
