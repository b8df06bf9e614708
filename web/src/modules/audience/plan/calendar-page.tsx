import {
  ActionIcon,
  Badge,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Title,
  useDirection,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconBulb, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { CalendarGrid, ItemChip } from './calendar-grid.tsx';
import { CalendarItemDrawer } from './calendar-item-drawer.tsx';
import {
  addDays,
  addMonths,
  type CalendarItem,
  CHANNEL_COLOR,
  CHANNELS,
  type Channel,
  monthStart,
  parseDay,
  planKeys,
  today,
  weekStart,
} from './types.ts';

type View = 'month' | 'week';

export function CalendarPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { dir } = useDirection();
  const [params, setParams] = useSearchParams();
  const todayDay = today(f.timeZone);
  const view: View = params.get('view') === 'week' ? 'week' : 'month';
  const focused = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day')! : todayDay;
  const [channels, setChannels] = useState<Channel[]>([]);
  const [editing, setEditing] = useState<{ item: CalendarItem | null; day: string | null } | null>(null);
  const set = (patch: { view?: View; day?: string }) =>
    setParams({ view: patch.view ?? view, day: patch.day ?? focused }, { replace: true });

  const days = useMemo(() => {
    const first = view === 'month' ? weekStart(monthStart(focused)) : weekStart(focused);
    return Array.from({ length: view === 'month' ? 42 : 7 }, (_, i) => addDays(first, i));
  }, [view, focused]);
  const from = days[0]!;
  const to = days[days.length - 1]!;

  const range = useQuery({
    queryKey: [...planKeys.calendar, 'range', from, to, channels],
    queryFn: () => api.get<Page<CalendarItem>>('/calendar', { from, to, channels, limit: 1000 }),
    placeholderData: (prev) => prev,
  });
  const ideas = useQuery({
    queryKey: [...planKeys.calendar, 'ideas', channels],
    queryFn: () => api.get<Page<CalendarItem>>('/calendar', { undated: 'true', channels, limit: 200 }),
  });
  const byDay = useMemo(() => {
    const m = new Map<string, CalendarItem[]>();
    for (const item of range.data?.data ?? []) if (item.date) m.set(item.date, [...(m.get(item.date) ?? []), item]);
    return m;
  }, [range.data]);
  const all = useMemo(() => [...(range.data?.data ?? []), ...(ideas.data?.data ?? [])], [range.data, ideas.data]);

  const move = useMutation({
    mutationFn: ({ id, date }: { id: string; date: string }) => api.patch<CalendarItem>(`/calendar/${id}`, { date }),
    onError: (err) => notifyError(err, t('audPlan.calendar.moveFailed')),
    onSettled: () => qc.invalidateQueries({ queryKey: planKeys.calendar }),
  });
  const moveTo = (id: string, date: string) => {
    const item = all.find((i) => i.id === id);
    if (item && item.date !== date) move.mutate({ id, date });
  };

  const step = (n: number) => set({ day: view === 'month' ? addMonths(focused, n) : addDays(focused, 7 * n) });
  useHotkeys([
    ['n', () => setEditing({ item: null, day: focused })],
    ['i', () => setEditing({ item: null, day: null })],
    ['t', () => set({ day: todayDay })],
  ]);
  const title =
    view === 'month'
      ? new Intl.DateTimeFormat(f.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parseDay(focused))
      : t('audPlan.calendar.weekOf', {
          date: new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(parseDay(from)),
        });
  const Prev = dir === 'rtl' ? IconChevronRight : IconChevronLeft;
  const Next = dir === 'rtl' ? IconChevronLeft : IconChevronRight;

  return (
    <>
      <PageHeader
        title={t('audPlan.calendar.title')}
        description={t('audPlan.calendar.subtitle')}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconBulb size={16} />}
              onClick={() => setEditing({ item: null, day: null })}
            >
              {t('audPlan.calendar.newIdea')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ item: null, day: focused })}>
              {t('audPlan.calendar.newItem')}
            </Button>
          </>
        }
      />
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="xs">
          <ActionIcon variant="default" onClick={() => step(-1)} aria-label={t('audPlan.calendar.previous')}>
            <Prev size={16} />
          </ActionIcon>
          <Button variant="default" size="xs" onClick={() => set({ day: todayDay })}>
            {t('audPlan.calendar.today')}
          </Button>
          <ActionIcon variant="default" onClick={() => step(1)} aria-label={t('audPlan.calendar.next')}>
            <Next size={16} />
          </ActionIcon>
          <Title order={4} ms="xs" aria-live="polite">
            {title}
          </Title>
        </Group>
        <Group gap="sm">
          <MultiSelect
            placeholder={t('audPlan.calendar.allChannels')}
            aria-label={t('audPlan.item.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`audPlan.channels.${c}`) }))}
            value={channels}
            onChange={(v) => setChannels(v as Channel[])}
            clearable
            w={260}
          />
          <SegmentedControl
            value={view}
            onChange={(v) => set({ view: v as View })}
            data={[
              { value: 'month', label: t('audPlan.calendar.month') },
              { value: 'week', label: t('audPlan.calendar.week') },
            ]}
          />
        </Group>
      </Group>
      {range.error && <QueryError error={range.error} onRetry={() => range.refetch()} />}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <CalendarGrid
            days={days}
            month={view === 'month' ? focused.slice(0, 7) : null}
            todayDay={todayDay}
            focused={focused}
            onFocusDay={(day) => set({ day })}
            items={byDay}
            tall={view === 'week'}
            locale={f.locale}
            onCreate={(day) => setEditing({ item: null, day })}
            onOpen={(item) => setEditing({ item, day: item.date })}
            onMove={(item, n) => item.date && moveTo(item.id, addDays(item.date, n))}
            onDrop={moveTo}
          />
          <Group gap="xs" mt="xs" wrap="wrap">
            {CHANNELS.map((c) => (
              <Badge key={c} color={CHANNEL_COLOR[c]} variant="dot" size="sm">
                {t(`audPlan.channels.${c}`)}
              </Badge>
            ))}
            <Text size="xs" c="dimmed" ms="auto">
              {t('audPlan.calendar.keyboardHint')}
            </Text>
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Paper withBorder p="sm" radius="md">
            <Group justify="space-between" mb="xs">
              <Title order={5}>{t('audPlan.calendar.ideas')}</Title>
              <ActionIcon
                variant="subtle"
                onClick={() => setEditing({ item: null, day: null })}
                aria-label={t('audPlan.calendar.newIdea')}
              >
                <IconPlus size={16} />
              </ActionIcon>
            </Group>
            {ideas.data && ideas.data.data.length === 0 ? (
              <Stack gap={4} align="center" py="md">
                <IconBulb size={28} opacity={0.5} aria-hidden />
                <Text size="sm" c="dimmed" ta="center">
                  {t('audPlan.calendar.noIdeas')}
                </Text>
              </Stack>
            ) : (
              <ScrollArea.Autosize mah={560}>
                <Stack gap={6}>
                  {(ideas.data?.data ?? []).map((item) => (
                    <ItemChip key={item.id} item={item} onOpen={(i) => setEditing({ item: i, day: null })} />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            )}
            <Text size="xs" c="dimmed" mt="xs">
              {t('audPlan.calendar.ideasHint')}
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
      <CalendarItemDrawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        item={editing?.item ?? null}
        day={editing?.day ?? null}
      />
    </>
  );
}
