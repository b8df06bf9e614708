import { Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { Task } from '../types.ts';
import { TaskCreateModal, type TaskLinks } from './task-create-modal.tsx';
import { TaskRow } from './task-row.tsx';

/** The open and recently done tasks of a contact, company or deal, with a button to add one. */
export function RelatedTasks({ links, labels }: { links: TaskLinks; labels?: { contact?: string; company?: string } }) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  const tasks = useQuery({
    queryKey: [...keys.tasks, 'related', links],
    queryFn: () =>
      api.get<Page<Task>>('/tasks', {
        view: 'all',
        assignee: 'any',
        contactId: links.contactId,
        companyId: links.companyId,
        dealId: links.dealId,
        limit: 50,
      }),
  });
  const list = tasks.data?.data ?? [];
  const open = list.filter((x) => x.status !== 'done');
  const done = list.filter((x) => x.status === 'done');
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('tasks.openCount', { count: open.length })}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={modal.open}>
          {t('tasks.new')}
        </Button>
      </Group>
      {tasks.isError && <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />}
      {tasks.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('tasks.noneHere')}
        </Text>
      )}
      {[...open, ...done].map((task) => (
        <TaskRow key={task.id} task={task} showLinks={false} />
      ))}
      <TaskCreateModal opened={opened} onClose={modal.close} links={links} linkLabels={labels ?? {}} />
    </Stack>
  );
}
