import { ActionIcon, Alert, Button, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { notifySuccess } from '../../lib/errors.tsx';
import { keys, useLifecycleStages } from '../crm/queries.ts';
import { Section } from './section.tsx';

type Row = { key: string; label: string; isNew: boolean };

/** `Qualified lead` → `qualified_lead`, the shape the API asks of a stage key. */
function slug(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 36) || 'stage';
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}_${i}`;
  return k;
}

export function LifecycleSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stages = useLifecycleStages();
  const [rows, setRows] = useState<Row[]>([]);
  const [reassign, setReassign] = useState<Record<string, string>>({});
  useEffect(() => {
    if (stages.data) setRows(stages.data.map((s) => ({ key: s.key, label: s.label, isNew: false })));
  }, [stages.data]);
  const removed = (stages.data ?? []).filter((s) => !rows.some((r) => r.key === s.key));
  const save = useMutation({
    mutationFn: () => {
      const taken = new Set(rows.filter((r) => !r.isNew).map((r) => r.key));
      const out = rows.map((r) => {
        if (!r.isNew) return { key: r.key, label: r.label.trim() };
        const key = slug(r.label, taken);
        taken.add(key);
        return { key, label: r.label.trim() };
      });
      const fallback = out[0]?.key ?? '';
      const re = Object.fromEntries(removed.map((s) => [s.key, reassign[s.key] ?? fallback]));
      return api.put('/lifecycle-stages', { stages: out, ...(removed.length ? { reassign: re } : {}) });
    },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      setReassign({});
      await qc.invalidateQueries({ queryKey: keys.lifecycleStages });
    },
  });
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [x] = next.splice(i, 1);
      if (x) next.splice(i + d, 0, x);
      return next;
    });
  const valid = rows.length > 0 && rows.every((r) => r.label.trim());
  return (
    <Section title={t('settings.stages.title')} description={t('settings.stages.description')}>
      <Stack gap="xs" maw={560}>
        {rows.map((r, i) => (
          <Group key={`${r.key}-${i.toString()}`} gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" w={20} ta="end">
              {i + 1}
            </Text>
            <TextInput
              flex={1}
              aria-label={t('settings.stages.label', { n: i + 1 })}
              value={r.label}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setRows((rs) => rs.map((x, j) => (j === i ? { ...x, label: v } : x)));
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={t('settings.moveUp')}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t('settings.moveDown')}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <Tooltip label={t('common.remove')}>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={rows.length <= 1}
                onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setRows((rs) => [...rs, { key: `new-${rs.length}`, label: '', isNew: true }])}
        >
          {t('settings.stages.add')}
        </Button>
        {removed.length > 0 && (
          <Alert color="yellow" title={t('settings.stages.reassignTitle')}>
            <Stack gap="xs">
              {removed.map((s) => (
                <Group key={s.key} gap="xs">
                  <Text size="sm" w={160}>
                    {s.label} →
                  </Text>
                  <Select
                    aria-label={t('settings.stages.reassignTo', { label: s.label })}
                    data={rows.filter((r) => !r.isNew).map((r) => ({ value: r.key, label: r.label }))}
                    value={reassign[s.key] ?? rows.find((r) => !r.isNew)?.key ?? null}
                    onChange={(v) => v && setReassign((m) => ({ ...m, [s.key]: v }))}
                    allowDeselect={false}
                    w={200}
                  />
                </Group>
              ))}
            </Stack>
          </Alert>
        )}
        <Group mt="sm">
          <Button loading={save.isPending} disabled={!valid} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
