import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconArrowsJoin,
  IconCalendarEvent,
  IconCheck,
  IconCircleDot,
  IconFileImport,
  IconMail,
  IconNote,
  IconPencil,
  IconPhone,
  IconShieldCheck,
  IconTargetArrow,
  IconUserPlus,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/states.tsx';
import { languageOf } from '../../../i18n/languages.ts';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys, useMembers } from '../queries.ts';
import type { TimelineEntry } from '../types.ts';

const KIND_STYLE: Record<string, { icon: ReactNode; color: string }> = {
  note: { icon: <IconNote size={16} />, color: 'yellow' },
  call: { icon: <IconPhone size={16} />, color: 'green' },
  meeting: { icon: <IconCalendarEvent size={16} />, color: 'violet' },
  email: { icon: <IconMail size={16} />, color: 'blue' },
  task: { icon: <IconCheck size={16} />, color: 'teal' },
  task_completed: { icon: <IconCheck size={16} />, color: 'teal' },
  field_change: { icon: <IconPencil size={16} />, color: 'gray' },
  updated: { icon: <IconPencil size={16} />, color: 'gray' },
  created: { icon: <IconUserPlus size={16} />, color: 'freehold' },
  import: { icon: <IconFileImport size={16} />, color: 'cyan' },
  merge: { icon: <IconArrowsJoin size={16} />, color: 'orange' },
  consent: { icon: <IconShieldCheck size={16} />, color: 'indigo' },
  deal: { icon: <IconTargetArrow size={16} />, color: 'pink' },
  deal_stage: { icon: <IconTargetArrow size={16} />, color: 'pink' },
  deal_created: { icon: <IconTargetArrow size={16} />, color: 'pink' },
  unmerge: { icon: <IconArrowsJoin size={16} />, color: 'orange' },
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function knownKind(kind: string): string {
  if (KIND_STYLE[kind]) return kind;
  if (kind.startsWith('deal')) return 'deal';
  if (kind.startsWith('task')) return 'task';
  if (kind.startsWith('consent')) return 'consent';
  return kind;
}

type Change = { field: string; from: unknown; to: unknown };

/** `changes` as the server writes it: a list of {field, from, to} (or an object keyed by field). */
function changesOf(data: Record<string, unknown>): Change[] {
  const c = data.changes;
  if (Array.isArray(c)) return c.filter((x): x is Change => typeof x === 'object' && x !== null && 'field' in x);
  if (c && typeof c === 'object')
    return Object.entries(c as Record<string, unknown>).map(([field, v]) => {
      const o = (v ?? {}) as { from?: unknown; to?: unknown };
      return { field, from: o.from, to: o.to };
    });
  return [];
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '—';
  if (typeof v === 'object') {
    const parts = Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '');
    return parts.length ? parts.map(show).join(', ') : '—';
  }
  return String(v);
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const d = entry.data;
  const fieldLabel = (f: string) =>
    i18n.exists(`contacts.fields.${f}`) ? t(`contacts.fields.${f}` as 'contacts.fields.name') : f;
  const kind = entry.kind;
  // "from → to" reads the other way in right-to-left text.
  const arrow = languageOf(i18n.language).dir === 'rtl' ? '←' : '→';
  const subject = str(d.subject);
  const body = str(d.body) ?? str(d.text);
  const outcome = str(d.outcome);
  const minutes = num(d.durationMinutes);
  const lines: ReactNode[] = [];

  if (kind === 'field_change') {
    for (const c of changesOf(d))
      lines.push(
        <Text size="sm" key={c.field}>
          <b>{fieldLabel(c.field)}</b>: <bdi>{show(c.from)}</bdi> {arrow} <bdi>{show(c.to)}</bdi>
        </Text>,
      );
  } else if (kind === 'deal_stage') {
    lines.push(
      <Text size="sm" key="deal">
        {t('timeline.dealMoved', {
          title: str(d.title) ?? '',
          from: str(obj(d.from).name) ?? '—',
          to: str(obj(d.to).name) ?? '—',
        })}
      </Text>,
    );
  } else if (kind === 'deal_created') {
    lines.push(
      <Text size="sm" key="deal">
        {t('timeline.dealCreated', { title: str(d.title) ?? '', stage: str(d.stage) ?? '' })}
      </Text>,
    );
  } else if (kind === 'task') {
    lines.push(
      <Text size="sm" key="task">
        {d.action === 'reopened'
          ? t('timeline.taskReopened', { title: str(d.title) ?? '' })
          : t('timeline.taskCompleted', { title: str(d.title) ?? '' })}
      </Text>,
    );
  } else if (kind === 'import') {
    lines.push(
      <Text size="sm" key="import">
        {d.action === 'updated'
          ? t('timeline.importUpdated', { file: str(d.filename) ?? '' })
          : t('timeline.importCreated', { file: str(d.filename) ?? '' })}
      </Text>,
    );
  } else if (kind === 'created') {
    const src = obj(d.source);
    lines.push(
      <Text size="sm" key="created">
        {str(src.channel)
          ? t('timeline.createdFrom', {
              source: [
                i18n.exists(`channels.${String(src.channel)}`)
                  ? t(`channels.${String(src.channel)}` as 'channels.other')
                  : String(src.channel),
                str(src.name),
              ]
                .filter(Boolean)
                .join(': '),
            })
          : t('timeline.createdPlain')}
      </Text>,
    );
  } else if (kind === 'merge') {
    const other = obj(d.otherSnapshot);
    const name = [str(other.firstName), str(other.lastName)].filter(Boolean).join(' ') || show(other.emails);
    lines.push(
      <Text size="sm" key="merge">
        {t('timeline.merged', { name })}
        {d.undoneAt ? ` · ${t('timeline.mergeUndone')}` : ''}
      </Text>,
    );
  } else if ((kind === 'email_clicked' || kind === 'email_opened') && (str(d.url) || d.proxy === true)) {
    const url = str(d.url);
    if (url)
      lines.push(
        <Text size="sm" key="url" style={{ overflowWrap: 'anywhere' }}>
          {/* A URL reads left to right in any interface language. */}
          <bdi dir="ltr">
            <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm">
              {url}
            </Anchor>
          </bdi>
        </Text>,
      );
    if (d.proxy === true)
      lines.push(
        <Text size="sm" c="dimmed" key="proxy">
          {t('timeline.viaProxy')}
        </Text>,
      );
  } else if (kind === 'consent') {
    lines.push(
      <Text size="sm" key="consent">
        {str(d.channel) ?? 'email'}:{' '}
        <b>
          {i18n.exists(`consent.status.${String(d.status)}`)
            ? t(`consent.status.${String(d.status)}` as 'consent.status.none')
            : show(d.status)}
        </b>
        {str(d.source) ? ` · ${str(d.source)}` : ''}
      </Text>,
    );
  }

  return (
    <Stack gap={4}>
      {subject && (
        <Text size="sm" fw={600}>
          {subject}
        </Text>
      )}
      {body && (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {body}
        </Text>
      )}
      {lines}
      {(outcome || minutes !== null || str(d.direction)) && (
        <Group gap={6}>
          {str(d.direction) && (
            <Badge size="sm" variant="light" color="gray" tt="none">
              {t(`timeline.direction.${d.direction === 'inbound' ? 'inbound' : 'outbound'}`)}
            </Badge>
          )}
          {outcome && (
            <Badge size="sm" variant="light" tt="none">
              {outcome}
            </Badge>
          )}
          {minutes !== null && (
            <Badge size="sm" variant="light" color="gray" tt="none">
              {t('timeline.minutes', { count: minutes })}
            </Badge>
          )}
        </Group>
      )}
      {str(d.reason) && (
        <Text size="sm" c="dimmed">
          {t('timeline.reason', { reason: str(d.reason) ?? '' })}
        </Text>
      )}
    </Stack>
  );
}

export function TimelineList({ subject, id }: { subject: 'contacts' | 'companies'; id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const members = useMembers();
  const timeline = useInfiniteQuery({
    queryKey: keys.timeline(subject, id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TimelineEntry>>(`/${subject}/${id}/timeline`, { limit: 30, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (timeline.isPending) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => timeline.refetch()} />;
  const entries = timeline.data.pages.flatMap((p) => p.data);
  if (!entries.length)
    return (
      <Paper withBorder p="lg" ta="center">
        <Text c="dimmed" size="sm">
          {t('timeline.empty')}
        </Text>
      </Paper>
    );
  const actorName = (aid: string | null) => {
    if (!aid) return null;
    const m = members.data?.find((x) => x.userId === aid);
    return m ? m.name || m.email : null;
  };
  return (
    <Box component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('timeline.title')}>
      {entries.map((e) => {
        const k = knownKind(e.kind);
        const style = KIND_STYLE[k] ?? { icon: <IconCircleDot size={16} />, color: 'gray' };
        const kindLabel = i18n.exists(`timeline.kinds.${k}`)
          ? t(`timeline.kinds.${k}` as 'timeline.kinds.note')
          : e.kind.replaceAll('_', ' ');
        const who = actorName(e.actorId);
        return (
          <li key={e.id} className="fh-timeline-item" data-kind={e.kind}>
            <ThemeIcon className="fh-timeline-icon" size={32} radius="xl" variant="light" color={style.color}>
              {style.icon}
            </ThemeIcon>
            <Paper withBorder p="sm">
              <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
                <Text size="sm" fw={600} tt="capitalize">
                  {kindLabel}
                  {e.module !== 'crm' && (
                    <Badge size="xs" variant="outline" color="gray" ms={6}>
                      {e.module}
                    </Badge>
                  )}
                </Text>
                <Text size="xs" c="dimmed" title={f.dateTime(e.at)} style={{ whiteSpace: 'nowrap' }}>
                  {who ? `${who} · ` : ''}
                  {f.relative(e.at)}
                </Text>
              </Group>
              <EntryBody entry={e} />
            </Paper>
          </li>
        );
      })}
      {timeline.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" loading={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()}>
            {t('timeline.older')}
          </Button>
        </Group>
      )}
      {!timeline.hasNextPage && entries.length > 5 && (
        <Text size="xs" c="dimmed" ta="center">
          {t('timeline.start')}
        </Text>
      )}
    </Box>
  );
}
