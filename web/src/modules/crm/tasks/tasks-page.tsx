import { Badge, Button, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconAlarm, IconCalendarDue, IconCalendarEvent, IconChecklist, IconList, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { Task, TaskView } from '../types.ts';
import { TaskCreateModal } from './task-create-modal.tsx';
import { TaskRow } from './task-row.tsx';

const VIEWS: TaskView[] = ['today', 'overdue', 'upcoming', 'all'];

function useCount(view: TaskView, assignee: string) {
  return useQuery({
    queryKey: [...keys.tasks, 'count', view, assignee],
    queryFn: () => api.get<Page<Task>>('/tasks', { view, assignee, limit: 100 }),
    select: (r) => (r.nextCursor ? `${r.data.length}+` : String(r.data.length)),
  });
}

export function TasksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.includes(params.get('view') as TaskView) ? params.get('view') : 'today') as TaskView;
  const assignee = params.get('assignee') === 'any' ? 'any' : 'me';
  const [creating, createModal] = useDisclosure(false);
  useHotkeys([['n', createModal.open]]);
  const set = (patch: Record<string, string>) => setParams({ view, assignee, ...patch }, { replace: true });

  const tasks = useInfiniteQuery({
    queryKey: [...keys.tasks, 'list', view, assignee],
    queryFn: ({ pageParam }) => api.get<Page<Task>>('/tasks', { view, assignee, limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const todayCount = useCount('today', assignee);
  const overdueCount = useCount('overdue', assignee);
  const list = tasks.data?.pages.flatMap((p) => p.data) ?? [];

  // Upcoming and all read best grouped by day.
  const groups = new Map<string, Task[]>();
  for (const task of list) {
    const k = task.dueAt ? f.date(task.dueAt) : t('tasks.noDueDate');
    groups.set(k, [...(groups.get(k) ?? []), task]);
  }
  const grouped = view === 'upcoming' || view === 'all';
  const icons: Record<TaskView, typeof IconAlarm> = {
    today: IconCalendarDue,
    overdue: IconAlarm,
    upcoming: IconCalendarEvent,
    all: IconList,
  };

  return (
    <>
      <PageHeader
        title={t('tasks.myDay')}
        description={t('tasks.subtitle', {
          date: new Intl.DateTimeFormat(f.locale, {
            dateStyle: 'full',
            ...(f.timeZone ? { timeZone: f.timeZone } : {}),
          }).format(new Date()),
        })}
        actions={
          <>
            <SegmentedControl
              value={assignee}
              onChange={(v) => set({ assignee: v })}
              data={[
                { value: 'me', label: t('tasks.mine') },
                { value: 'any', label: t('tasks.everyone') },
              ]}
              aria-label={t('tasks.fields.assignee')}
            />
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              {t('tasks.new')}
            </Button>
          </>
        }
      />
      <Tabs value={view} onChange={(v) => v && set({ view: v })} mb="md">
        <Tabs.List>
          {VIEWS.map((v) => {
            const Icon = icons[v];
            const count = v === 'today' ? todayCount.data : v === 'overdue' ? overdueCount.data : undefined;
            return (
              <Tabs.Tab
                key={v}
                value={v}
                leftSection={<Icon size={16} />}
                rightSection={
                  count && count !== '0' ? (
                    <Badge size="sm" variant="light" color={v === 'overdue' ? 'red' : 'freehold'} circle>
                      {count}
                    </Badge>
                  ) : null
                }
              >
                {t(`tasks.views.${v}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      {tasks.isPending ? (
        <PageLoader />
      ) : tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<IconChecklist size={28} />}
          title={t(`tasks.empty.${view}.title`)}
          description={t(`tasks.empty.${view}.description`)}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('tasks.new')}
          </Button>
        </EmptyState>
      ) : grouped ? (
        <Stack gap="lg" maw={860}>
          {[...groups.entries()].map(([day, items]) => (
            <Stack key={day} gap="xs">
              <Title order={6} c="dimmed">
                {day}
              </Title>
              {items.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </Stack>
          ))}
        </Stack>
      ) : (
        <Stack gap="xs" maw={860}>
          {list.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </Stack>
      )}
      {tasks.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="subtle" loading={tasks.isFetchingNextPage} onClick={() => tasks.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" mt="lg">
        {t('tasks.shortcutHint')}
      </Text>
      <TaskCreateModal opened={creating} onClose={createModal.close} />
    </>
  );
}
