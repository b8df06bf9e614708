import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { i18n } from './i18n/index.ts';
import { languageOf } from './i18n/languages.ts';
import { queryClient } from './lib/query-client.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

/** Keeps <html lang dir> and Mantine's direction in step with the chosen language. */
function DirectionSync() {
  const { setDirection } = useDirection();
  useEffect(() => {
    const apply = (lng: string) => {
      const lang = languageOf(lng);
      document.documentElement.lang = lang.code;
      document.documentElement.dir = lang.dir;
      setDirection(lang.dir);
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [setDirection]);
  return null;
}

export function App() {
  const initialDir = languageOf(i18n.language).dir;
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={initialDir} detectDirection={false}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <DirectionSync />
          <Notifications position="top-center" zIndex={1000} />
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
