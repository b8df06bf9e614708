import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { notifySuccess } from '../../lib/errors.tsx';
import { keys, usePipelines } from '../crm/queries.ts';
import type { Pipeline, PipelineStage, StageKind } from '../crm/types.ts';
import { Section } from './section.tsx';

const KINDS: StageKind[] = ['open', 'won', 'lost'];

function StageRow({
  pipeline,
  stage,
  index,
  onMove,
  onDelete,
}: {
  pipeline: Pipeline;
  stage: PipelineStage;
  index: number;
  onMove: (i: number, d: -1 | 1) => void;
  onDelete: (s: PipelineStage) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(stage.name);
  const update = useMutation({
    mutationFn: (body: Partial<Pick<PipelineStage, 'name' | 'kind' | 'probability'>>) =>
      api.patch<Pipeline>(`/pipelines/${pipeline.id}/stages/${stage.id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.pipelines }),
  });
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          aria-label={t('settings.pipelines.stageName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name.trim() && name !== stage.name && update.mutate({ name: name.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </Table.Td>
      <Table.Td w={130}>
        <Select
          aria-label={t('settings.pipelines.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`deals.status.${k}`) }))}
          value={stage.kind}
          allowDeselect={false}
          onChange={(v) => v && v !== stage.kind && update.mutate({ kind: v as StageKind })}
        />
      </Table.Td>
      <Table.Td w={110}>
        <NumberInput
          aria-label={t('settings.pipelines.probability')}
          min={0}
          max={100}
          suffix="%"
          defaultValue={stage.probability ?? 0}
          onBlur={(e) => {
            const v = Number.parseInt(e.currentTarget.value, 10);
            if (Number.isFinite(v) && v !== stage.probability)
              update.mutate({ probability: Math.max(0, Math.min(100, v)) });
          }}
        />
      </Table.Td>
      <Table.Td w={120}>
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={index === 0}
            onClick={() => onMove(index, -1)}
            aria-label={t('settings.moveUp')}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={index === pipeline.stages.length - 1}
            onClick={() => onMove(index, 1)}
            aria-label={t('settings.moveDown')}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <Tooltip label={t('common.delete')}>
            <ActionIcon variant="subtle" color="red" onClick={() => onDelete(stage)} aria-label={t('common.delete')}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function PipelinesSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pipelines = usePipelines();
  const [selected, setSelected] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [creating, setCreating] = useState(false);
  const [stageName, setStageName] = useState('');
  const [deleting, setDeleting] = useState<PipelineStage | null>(null);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const pipeline =
    pipelines.data?.find((p) => p.id === selected) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const refresh = () => qc.invalidateQueries({ queryKey: keys.pipelines });

  const createPipeline = useMutation({
    mutationFn: () => api.post<Pipeline>('/pipelines', { name: newName.trim() }),
    onSuccess: async (p) => {
      setCreating(false);
      setNewName('');
      setSelected(p.id);
      await refresh();
    },
  });
  const makeDefault = useMutation({
    mutationFn: (id: string) => api.patch(`/pipelines/${id}`, { isDefault: true }),
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await refresh();
    },
  });
  const addStage = useMutation({
    mutationFn: () => api.post<Pipeline>(`/pipelines/${pipeline?.id}/stages`, { name: stageName.trim(), kind: 'open' }),
    onSuccess: async () => {
      setStageName('');
      await refresh();
    },
  });
  const reorder = useMutation({
    mutationFn: (stageIds: string[]) => api.put<Pipeline>(`/pipelines/${pipeline?.id}/stages/order`, { stageIds }),
    onSuccess: refresh,
  });
  const deleteStage = useMutation({
    mutationFn: (s: PipelineStage) =>
      api.delete(`/pipelines/${pipeline?.id}/stages/${s.id}${moveTo ? `?moveDealsTo=${moveTo}` : ''}`),
    onSuccess: async () => {
      setDeleting(null);
      setMoveTo(null);
      await refresh();
    },
  });
  const onMove = (i: number, d: -1 | 1) => {
    if (!pipeline) return;
    const ids = pipeline.stages.map((s) => s.id);
    const [x] = ids.splice(i, 1);
    if (x) ids.splice(i + d, 0, x);
    reorder.mutate(ids);
  };

  return (
    <Section
      title={t('settings.pipelines.title')}
      description={t('settings.pipelines.description')}
      actions={
        <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setCreating(true)}>
          {t('settings.pipelines.new')}
        </Button>
      }
    >
      {pipelines.isError && <QueryError error={pipelines.error} />}
      {pipeline && (
        <Stack>
          <Group>
            <Select
              aria-label={t('deals.pipeline')}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline.id}
              onChange={setSelected}
              allowDeselect={false}
              w={260}
            />
            {pipeline.isDefault ? (
              <Badge leftSection={<IconStar size={12} />} variant="light">
                {t('settings.pipelines.default')}
              </Badge>
            ) : (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => makeDefault.mutate(pipeline.id)}
                loading={makeDefault.isPending}
              >
                {t('settings.pipelines.makeDefault')}
              </Button>
            )}
          </Group>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.pipelines.stageName')}</Table.Th>
                <Table.Th>{t('settings.pipelines.kind')}</Table.Th>
                <Table.Th>{t('settings.pipelines.probability')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pipeline.stages.map((s, i) => (
                <StageRow
                  key={`${s.id}-${s.name}-${s.kind}`}
                  pipeline={pipeline}
                  stage={s}
                  index={i}
                  onMove={onMove}
                  onDelete={setDeleting}
                />
              ))}
            </Table.Tbody>
          </Table>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (stageName.trim()) addStage.mutate();
            }}
          >
            <Group>
              <TextInput
                placeholder={t('settings.pipelines.newStage')}
                aria-label={t('settings.pipelines.newStage')}
                value={stageName}
                onChange={(e) => setStageName(e.currentTarget.value)}
              />
              <Button
                type="submit"
                variant="light"
                leftSection={<IconPlus size={16} />}
                loading={addStage.isPending}
                disabled={!stageName.trim()}
              >
                {t('settings.pipelines.addStage')}
              </Button>
            </Group>
          </form>
        </Stack>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('settings.pipelines.new')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (newName.trim()) createPipeline.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('settings.pipelines.name')}
              description={t('settings.pipelines.nameHint')}
              data-autofocus
              value={newName}
              onChange={(e) => setNewName(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreating(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={createPipeline.isPending} disabled={!newName.trim()}>
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal
        opened={!!deleting}
        onClose={() => setDeleting(null)}
        title={t('settings.pipelines.deleteStage', { name: deleting?.name })}
      >
        <Stack>
          <Text size="sm">{t('settings.pipelines.deleteStageHint')}</Text>
          <Select
            label={t('settings.pipelines.moveDealsTo')}
            data={(pipeline?.stages ?? [])
              .filter((s) => s.id !== deleting?.id)
              .map((s) => ({ value: s.id, label: s.name }))}
            value={moveTo}
            onChange={setMoveTo}
            clearable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={deleteStage.isPending}
              onClick={() => deleting && deleteStage.mutate(deleting)}
            >
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
