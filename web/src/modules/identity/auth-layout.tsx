import { Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguagePicker } from '../../components/language-picker.tsx';
import { Logo } from '../../shell/logo.tsx';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Center className="fh-auth-bg" p="md">
      <Stack w={440} maw="100%" gap="lg">
        <Group justify="space-between">
          <Logo size={32} />
          <LanguagePicker compact />
        </Group>
        <Card p="xl" shadow="sm" component="main">
          <Stack gap={4} mb="lg">
            <Title order={2}>{title}</Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Card>
      </Stack>
    </Center>
  );
}
