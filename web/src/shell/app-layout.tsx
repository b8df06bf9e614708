import { Anchor, AppShell, Burger, Group, Kbd, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { PageLoader } from '../components/states.tsx';
import { Logo } from './logo.tsx';
import { Nav } from './nav.tsx';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

/** The element the "/" shortcut focuses: each list page marks its search box with this id. */
export const PAGE_SEARCH_ID = 'fh-page-search';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();

  useHotkeys([
    [
      '/',
      () => {
        const el = document.getElementById(PAGE_SEARCH_ID);
        if (el) el.focus();
        else navigate('/contacts', { state: { focusSearch: true } });
      },
    ],
  ]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <Anchor href="#main" className="fh-skip-link">
        {t('nav.skip')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Link to="/contacts" aria-label={t('nav.home')} style={{ color: 'inherit', textDecoration: 'none' }}>
              <Logo compact />
            </Link>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="md">
              {t('nav.searchHint')} <Kbd size="xs">/</Kbd>
            </Text>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <Nav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
