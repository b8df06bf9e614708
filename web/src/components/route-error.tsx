import { Button, Center, Code, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** What a page that crashed shows instead of a blank screen: what happened, and a way on. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" maw={520} ta="center">
        <ThemeIcon size={56} radius="xl" color="red" variant="light">
          <IconBug size={28} />
        </ThemeIcon>
        <Title order={3}>{t('errors.crashTitle')}</Title>
        <Text c="dimmed" size="sm">
          {t('errors.crashText')}
        </Text>
        <Code block w="100%">
          {message}
        </Code>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
          <Button variant="default" component="a" href="/contacts">
            {t('notFound.back')}
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
