import { Box, Group, Paper, SimpleGrid, Text, Tooltip, UnstyledButton, useDirection } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { type DragEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, type CalendarItem, CHANNEL_COLOR, parseDay } from './types.ts';

/** One content item as a chip: coloured by channel, styled by status; draggable; Alt+arrows move it a day. */
export function ItemChip({
  item,
  onOpen,
  onMove,
}: {
  item: CalendarItem;
  onOpen: (item: CalendarItem) => void;
  onMove?: (item: CalendarItem, days: number) => void;
}) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const color = CHANNEL_COLOR[item.channel] ?? 'gray';
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || !onMove || !item.date) return;
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const days = e.key === forward ? 1 : e.key === back ? -1 : e.key === 'ArrowDown' ? 7 : e.key === 'ArrowUp' ? -7 : 0;
    if (!days) return;
    e.preventDefault();
    e.stopPropagation();
    onMove(item, days);
  };
  const look = {
    idea: { bg: 'transparent', fg: `var(--mantine-color-${color}-light-color)`, border: 'dashed' },
    draft: {
      bg: `var(--mantine-color-${color}-light)`,
      fg: `var(--mantine-color-${color}-light-color)`,
      border: 'none',
    },
    scheduled: {
      bg: `var(--mantine-color-${color}-light)`,
      fg: `var(--mantine-color-${color}-light-color)`,
      border: 'solid',
    },
    published: { bg: `var(--mantine-color-${color}-filled)`, fg: 'var(--mantine-color-white)', border: 'solid' },
  }[item.status];
  return (
    <Tooltip
      label={`${t(`audPlan.channels.${item.channel}`)} · ${t(`audPlan.statuses.${item.status}`)}${item.time ? ` · ${item.time}` : ''}`}
      openDelay={400}
    >
      <UnstyledButton
        draggable
        onDragStart={(e: DragEvent) => {
          e.dataTransfer.setData('text/x-calendar-item', item.id);
          e.dataTransfer.effectAllowed = 'move';
        }}
        onClick={(e) => {
          e.stopPropagation();
          onOpen(item);
        }}
        onKeyDown={(e) => {
          onKeyDown(e);
          if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
        }}
        aria-label={`${item.title}, ${t(`audPlan.channels.${item.channel}`)}, ${t(`audPlan.statuses.${item.status}`)}`}
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          gap: 4,
          inlineSize: '100%',
          padding: '2px 6px',
          borderRadius: 4,
          background: look.bg,
          color: look.fg,
          borderInlineStart: `3px solid var(--mantine-color-${color}-filled)`,
          outline: look.border === 'dashed' ? `1px dashed var(--mantine-color-${color}-outline)` : undefined,
          outlineOffset: -1,
          cursor: 'grab',
        }}
      >
        {item.status === 'published' && (
          <IconCheck size={12} aria-hidden style={{ flexShrink: 0, marginBlockStart: 2 }} />
        )}
        <Text
          span
          size="xs"
          fw={500}
          lineClamp={2}
          style={{ color: 'inherit', textAlign: 'start', wordBreak: 'break-word' }}
        >
          {item.time ? `${item.time} ` : ''}
          {item.title}
        </Text>
      </UnstyledButton>
    </Tooltip>
  );
}

/**
 * The month or week grid: a `role="grid"` of days with one roving tab stop. Arrows move between days (mirrored
 * right-to-left), Home/End to the week's ends, Enter adds an item on the focused day; chips are reached with Tab.
 */
export function CalendarGrid({
  days,
  month,
  todayDay,
  focused,
  onFocusDay,
  items,
  tall,
  locale,
  onCreate,
  onOpen,
  onMove,
  onDrop,
}: {
  days: string[];
  /** 'YYYY-MM' of the month on screen: other months' days are dimmed. Null in week view. */
  month: string | null;
  todayDay: string;
  focused: string;
  onFocusDay: (day: string) => void;
  items: Map<string, CalendarItem[]>;
  tall: boolean;
  locale: string;
  onCreate: (day: string) => void;
  onOpen: (item: CalendarItem) => void;
  onMove: (item: CalendarItem, days: number) => void;
  onDrop: (itemId: string, day: string) => void;
}) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const refs = useRef(new Map<string, HTMLDivElement>());
  const hasFocus = useRef(false);
  // After a move to a day not on screen (another month), focus it once the new grid is drawn.
  useEffect(() => {
    if (!hasFocus.current) return;
    const id = requestAnimationFrame(() => refs.current.get(focused)?.focus());
    return () => cancelAnimationFrame(id);
  }, [focused]);
  const go = (day: string) => {
    onFocusDay(day);
    refs.current.get(day)?.focus();
  };
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const dayLabel = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });

  const onKeyDown = (e: KeyboardEvent, day: string) => {
    if (e.target !== e.currentTarget) return;
    const fwd = dir === 'rtl' ? -1 : 1;
    const step: Record<string, number> = { ArrowRight: fwd, ArrowLeft: -fwd, ArrowDown: 7, ArrowUp: -7 };
    const dow = (parseDay(day).getUTCDay() + 6) % 7;
    if (e.key in step) {
      e.preventDefault();
      go(addDays(day, step[e.key]!));
    } else if (e.key === 'Home') {
      e.preventDefault();
      go(addDays(day, -dow));
    } else if (e.key === 'End') {
      e.preventDefault();
      go(addDays(day, 6 - dow));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onCreate(day);
    }
  };

  return (
    <Box
      role="grid"
      aria-label={t('audPlan.calendar.gridLabel')}
      onFocus={() => (hasFocus.current = true)}
      onBlur={() => (hasFocus.current = false)}
    >
      <SimpleGrid cols={7} spacing={4} mb={4} role="row">
        {days.slice(0, 7).map((d) => (
          <Text key={d} role="columnheader" size="xs" fw={600} c="dimmed" ta="center">
            {weekday.format(parseDay(d))}
          </Text>
        ))}
      </SimpleGrid>
      {Array.from({ length: days.length / 7 }, (_, w) => days.slice(w * 7, w * 7 + 7)).map((week) => (
        <SimpleGrid key={week[0]} cols={7} spacing={4} mb={4} role="row">
          {week.map((day) => {
            const list = items.get(day) ?? [];
            const outside = month !== null && !day.startsWith(month);
            const isToday = day === todayDay;
            return (
              <Paper
                key={day}
                ref={(el: HTMLDivElement | null) => {
                  if (el) refs.current.set(day, el);
                  else refs.current.delete(day);
                }}
                role="gridcell"
                tabIndex={day === focused ? 0 : -1}
                aria-selected={day === focused}
                aria-label={`${dayLabel.format(parseDay(day))}${list.length ? `, ${t('audPlan.calendar.itemCount', { count: list.length })}` : ''}`}
                withBorder
                p={6}
                mih={tall ? 280 : 112}
                onKeyDown={(e) => onKeyDown(e, day)}
                onFocus={() => day !== focused && onFocusDay(day)}
                onClick={() => onCreate(day)}
                onDragOver={(e) => {
                  if (e.dataTransfer.types.includes('text/x-calendar-item')) {
                    e.preventDefault();
                    e.dataTransfer.dropEffect = 'move';
                  }
                }}
                onDrop={(e) => {
                  const id = e.dataTransfer.getData('text/x-calendar-item');
                  if (id) {
                    e.preventDefault();
                    onDrop(id, day);
                  }
                }}
                style={{
                  cursor: 'copy',
                  opacity: outside ? 0.55 : 1,
                  outlineOffset: 2,
                  borderColor: isToday ? 'var(--mantine-primary-color-filled)' : undefined,
                }}
              >
                <Group justify="space-between" gap={4} mb={4} wrap="nowrap">
                  <Text
                    size="xs"
                    fw={isToday ? 700 : 500}
                    c={isToday ? 'var(--mantine-primary-color-filled)' : undefined}
                  >
                    {parseDay(day).getUTCDate()}
                  </Text>
                </Group>
                <Box style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                  {list.slice(0, tall ? 12 : 4).map((item) => (
                    <ItemChip key={item.id} item={item} onOpen={onOpen} onMove={onMove} />
                  ))}
                  {list.length > (tall ? 12 : 4) && (
                    <UnstyledButton
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(list[tall ? 12 : 4]!);
                      }}
                    >
                      <Text size="xs" c="dimmed">
                        {t('audPlan.calendar.more', { count: list.length - (tall ? 12 : 4) })}
                      </Text>
                    </UnstyledButton>
                  )}
                </Box>
              </Paper>
            );
          })}
        </SimpleGrid>
      ))}
    </Box>
  );
}
