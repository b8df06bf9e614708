import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import type { Member } from '../../../lib/types.ts';
import type { Deal, Pipeline, PipelineStage } from '../types.ts';
import { DealCardBody, SortableDealCard } from './deal-card.tsx';

export type MoveRequest = { dealId: string; stage: PipelineStage; afterId?: string; beforeId?: string };

type Columns = Record<string, string[]>;

function columnsOf(pipeline: Pipeline, deals: Deal[]): Columns {
  const cols: Columns = Object.fromEntries(pipeline.stages.map((s) => [s.id, [] as string[]]));
  // Deals arrive in board order (stage, then position); keep it.
  for (const d of deals) cols[d.stageId]?.push(d.id);
  return cols;
}

function Column({
  stage,
  ids,
  dealsById,
  members,
  onOpen,
}: {
  stage: PipelineStage;
  ids: string[];
  dealsById: Map<string, Deal>;
  members: Member[];
  onOpen: (d: Deal) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { type: 'stage' } });
  const totals = new Map<string, number>();
  for (const id of ids) {
    const d = dealsById.get(id);
    if (d) totals.set(d.currency, (totals.get(d.currency) ?? 0) + d.amountMinor);
  }
  const color = stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'freehold';
  return (
    <Box
      className="fh-board-column"
      data-over={isOver}
      data-stage-kind={stage.kind}
      role="group"
      aria-label={t('deals.columnLabel', { name: stage.name, count: ids.length })}
    >
      <Stack gap={2} px={4} pb="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Box w={8} h={8} bg={`${color}.6`} style={{ borderRadius: 99 }} />
            <Text fw={650} size="sm" truncate>
              {stage.name}
            </Text>
          </Group>
          <Badge variant="light" color={color} size="sm" circle={ids.length < 10}>
            {ids.length}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" data-testid="column-total">
          {totals.size === 0
            ? t('deals.noValue')
            : [...totals.entries()].map(([cur, sum]) => f.money(sum, cur)).join(' + ')}
          {stage.kind === 'open' && typeof stage.probability === 'number' && stage.probability > 0
            ? ` · ${stage.probability}%`
            : ''}
        </Text>
      </Stack>
      <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
        <Stack ref={setNodeRef} gap="xs" mih={80}>
          {ids.map((id) => {
            const d = dealsById.get(id);
            return d ? (
              <SortableDealCard key={id} deal={d} owner={members.find((m) => m.userId === d.ownerId)} onOpen={onOpen} />
            ) : null;
          })}
          {ids.length === 0 && (
            <Text
              size="xs"
              c="dimmed"
              ta="center"
              py="lg"
              style={{ border: '1px dashed var(--fh-border)', borderRadius: 8 }}
            >
              {stage.kind === 'open' ? t('deals.dropHere') : t(`deals.dropToClose.${stage.kind}`)}
            </Text>
          )}
        </Stack>
      </SortableContext>
    </Box>
  );
}

/**
 * The kanban. Cards move between columns while dragging (local state); on drop the board asks for the move with
 * the neighbours it landed between, and snaps back to the server's order if the move is refused or cancelled.
 */
export function Board({
  pipeline,
  deals,
  members,
  onMove,
  onOpen,
}: {
  pipeline: Pipeline;
  deals: Deal[];
  members: Member[];
  onMove: (m: MoveRequest) => Promise<boolean>;
  onOpen: (d: Deal) => void;
}) {
  const { t } = useTranslation();
  const serverColumns = useMemo(() => columnsOf(pipeline, deals), [pipeline, deals]);
  const [columns, setColumns] = useState<Columns>(serverColumns);
  const [activeId, setActiveId] = useState<string | null>(null);
  const origin = useRef<string | null>(null);
  const dealsById = useMemo(() => new Map(deals.map((d) => [d.id, d])), [deals]);
  const stagesById = useMemo(() => new Map(pipeline.stages.map((s) => [s.id, s])), [pipeline]);

  useEffect(() => {
    if (!activeId) setColumns(serverColumns);
  }, [serverColumns, activeId]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const containerOf = (id: string): string | undefined =>
    id in columns ? id : Object.keys(columns).find((k) => columns[k]?.includes(id));

  const onDragStart = (e: DragStartEvent) => {
    setActiveId(String(e.active.id));
    origin.current = containerOf(String(e.active.id)) ?? null;
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const from = containerOf(String(active.id));
    const to = containerOf(String(over.id));
    if (!from || !to || from === to) return;
    setColumns((prev) => {
      const source = (prev[from] ?? []).filter((x) => x !== active.id);
      const target = [...(prev[to] ?? [])];
      const overIndex = target.indexOf(String(over.id));
      target.splice(overIndex < 0 ? target.length : overIndex, 0, String(active.id));
      return { ...prev, [from]: source, [to]: target };
    });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const to = over ? containerOf(String(over.id)) : undefined;
    if (!over || !to) {
      setActiveId(null);
      setColumns(serverColumns);
      return;
    }
    let col = columns[to] ?? [];
    const oldIndex = col.indexOf(id);
    const overIndex = col.indexOf(String(over.id));
    if (oldIndex >= 0 && overIndex >= 0 && oldIndex !== overIndex) col = arrayMove(col, oldIndex, overIndex);
    const next = { ...columns, [to]: col };
    setColumns(next);
    const i = col.indexOf(id);
    const stage = stagesById.get(to);
    const unchanged = origin.current === to && (serverColumns[to] ?? []).indexOf(id) === i;
    setActiveId(null);
    if (!stage || unchanged) return;
    const afterId = col[i - 1];
    const beforeId = col[i + 1];
    const ok = await onMove({
      dealId: id,
      stage,
      ...(afterId ? { afterId } : {}),
      ...(beforeId ? { beforeId } : {}),
    });
    if (!ok) setColumns(serverColumns);
  };

  const nameOf = (id: string | number) => dealsById.get(String(id))?.title ?? '';
  const stageName = (id: string | number | undefined) => {
    if (id === undefined) return '';
    const c = containerOf(String(id));
    return c ? (stagesById.get(c)?.name ?? '') : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('deals.a11y.picked', { deal: nameOf(active.id), stage: stageName(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('deals.a11y.over', { deal: nameOf(active.id), stage: stageName(over.id) }) : t('deals.a11y.nowhere'),
    onDragEnd: ({ active, over }) =>
      over
        ? t('deals.a11y.dropped', { deal: nameOf(active.id), stage: stageName(over.id) })
        : t('deals.a11y.cancelled'),
    onDragCancel: () => t('deals.a11y.cancelled'),
  };

  const activeDeal = activeId ? dealsById.get(activeId) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        setColumns(serverColumns);
      }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('deals.a11y.instructions') } }}
    >
      <div className="fh-board">
        {pipeline.stages.map((s) => (
          <Column
            key={s.id}
            stage={s}
            ids={columns[s.id] ?? []}
            dealsById={dealsById}
            members={members}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay>
        {activeDeal ? (
          <Paper withBorder p="sm" shadow="lg" style={{ cursor: 'grabbing', inlineSize: 264 }}>
            <DealCardBody deal={activeDeal} owner={members.find((m) => m.userId === activeDeal.ownerId)} />
          </Paper>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
