import { ActionIcon, Avatar, Badge, Checkbox, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconRepeat, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifySuccess } from '../../../lib/errors.tsx';
import { initials, useFormat } from '../../../lib/format.ts';
import { keys, useMembers } from '../queries.ts';
import { LinkedName } from '../shared/linked-name.tsx';
import type { Task } from '../types.ts';

export function TaskRow({ task, showLinks = true }: { task: Task; showLinks?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const members = useMembers();
  const done = task.status === 'done' || !!task.completedAt;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.tasks });
    await qc.invalidateQueries({ queryKey: ['timeline'] });
  };
  const complete = useMutation({
    mutationFn: () => api.post<{ task: Task; next: Task | null }>(`/tasks/${task.id}/complete`),
    onSuccess: async (r) => {
      notifySuccess(r?.next ? t('tasks.completedNext', { date: f.dateTime(r.next.dueAt) }) : t('tasks.completed'));
      await refresh();
    },
  });
  const reopen = useMutation({ mutationFn: () => api.post(`/tasks/${task.id}/reopen`), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api.delete(`/tasks/${task.id}`), onSuccess: refresh });
  const overdue = !done && task.dueAt && new Date(task.dueAt).getTime() < Date.now();
  const assignee = members.data?.find((m) => m.userId === task.assigneeId);
  const busy = complete.isPending || reopen.isPending;

  return (
    <Paper withBorder p="sm" data-task-id={task.id}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          radius="xl"
          size="md"
          checked={done}
          disabled={busy}
          aria-label={done ? t('tasks.reopen', { title: task.title }) : t('tasks.complete', { title: task.title })}
          onChange={() => (done ? reopen.mutate() : complete.mutate())}
        />
        <div style={{ flex: 1, minInlineSize: 0 }}>
          <Text size="sm" fw={500} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
            {task.title}
          </Text>
          {task.notes && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {task.notes}
            </Text>
          )}
          <Group gap={8} mt={4}>
            {task.dueAt && (
              <Badge
                size="sm"
                variant="light"
                tt="none"
                color={overdue ? 'red' : 'gray'}
                title={f.relative(task.dueAt)}
              >
                {overdue ? t('tasks.overdueSince', { when: f.dateTime(task.dueAt) }) : f.dateTime(task.dueAt)}
              </Badge>
            )}
            {task.recurrence && (
              <Tooltip label={t(`tasks.every.${task.recurrence.frequency}`, { count: task.recurrence.interval })}>
                <Badge size="sm" variant="light" color="grape" tt="none" leftSection={<IconRepeat size={12} />}>
                  {t(`tasks.frequency.${task.recurrence.frequency}`)}
                </Badge>
              </Tooltip>
            )}
            {showLinks && task.contactId && <LinkedName kind="contact" id={task.contactId} />}
            {showLinks && task.companyId && <LinkedName kind="company" id={task.companyId} />}
          </Group>
        </div>
        {assignee && (
          <Tooltip label={t('tasks.assignedTo', { name: assignee.name || assignee.email })}>
            <Avatar size={26} radius="xl" color="freehold">
              {initials(assignee.name || assignee.email)}
            </Avatar>
          </Tooltip>
        )}
        <Tooltip label={t('common.delete')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('tasks.delete', { title: task.title })}
            onClick={() => remove.mutate()}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}
