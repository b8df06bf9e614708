import { Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api.ts';
import type { Me } from '../lib/types.ts';
import { CreateWorkspaceForm } from './create-workspace-form.tsx';
import { Logo } from './logo.tsx';

/** Signed in, but no active workspace (removed from the last one, or never had one): pick or create one. */
export function NoWorkspace({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pick = useMutation({
    mutationFn: (workspaceId: string) => api.post('/me/workspace', { workspaceId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
  return (
    <Center className="fh-auth-bg" p="md">
      <Card w={480} p="xl" shadow="sm">
        <Stack>
          <Logo />
          <Title order={3}>{t('workspace.noneTitle')}</Title>
          <Text c="dimmed" size="sm">
            {me.workspaces.length ? t('workspace.pickOne') : t('workspace.noneDescription')}
          </Text>
          {me.workspaces.map((w) => (
            <Button key={w.id} variant="light" onClick={() => pick.mutate(w.id)} loading={pick.isPending}>
              {w.name}
            </Button>
          ))}
          <CreateWorkspaceForm onCreated={() => qc.invalidateQueries({ queryKey: ['me'] })} />
        </Stack>
      </Card>
    </Center>
  );
}
