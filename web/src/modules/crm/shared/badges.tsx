import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import type { LifecycleStage, SourceTouch } from '../types.ts';

const STAGE_COLORS = ['gray', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'grape', 'violet'];

export function stageColor(key: string, stages: LifecycleStage[] | undefined): string {
  const i = stages?.findIndex((s) => s.key === key) ?? -1;
  return i < 0 ? 'gray' : (STAGE_COLORS[i % STAGE_COLORS.length] ?? 'gray');
}

export function LifecycleBadge({ stage, stages }: { stage: string; stages: LifecycleStage[] | undefined }) {
  const label = stages?.find((s) => s.key === stage)?.label ?? stage;
  return (
    <Badge
      variant="light"
      color={stageColor(stage, stages)}
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {label}
    </Badge>
  );
}

export function TagList({ tags, max = 3 }: { tags: string[]; max?: number }) {
  if (!tags.length) return null;
  const shown = tags.slice(0, max);
  const more = tags.length - shown.length;
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((t) => (
        <Badge
          key={t}
          variant="outline"
          color="gray"
          radius="sm"
          tt="none"
          fw={500}
          style={{ flexShrink: 0, minWidth: 'max-content' }}
        >
          <bdi>{t}</bdi>
        </Badge>
      ))}
      {more > 0 && (
        <Tooltip label={tags.slice(max).join(', ')}>
          <Badge variant="transparent" color="gray" radius="sm">
            +{more}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

export function SourceLabel({
  touch,
  withDate = false,
}: {
  touch: SourceTouch | null | undefined;
  withDate?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!touch)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="sm" truncate={!withDate}>
      {t(`channels.${touch.channel}`)}
      {touch.name ? (
        <>
          : <bdi>{touch.name}</bdi>
        </>
      ) : null}
      {touch.campaign ? (
        <>
          {' · '}
          <bdi>{touch.campaign}</bdi>
        </>
      ) : null}
      {withDate && (
        <Text span size="xs" c="dimmed">
          {' '}
          · {f.date(touch.at)}
        </Text>
      )}
    </Text>
  );
}
