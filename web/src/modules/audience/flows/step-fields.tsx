// The wait and branch forms of a step's panel (step-panel.tsx), its two largest.
import { Checkbox, Group, NumberInput, SegmentedControl, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FlowChoices } from './flow-choices.ts';
import type { BranchCondition, FlowNode, WaitConfig } from './types.ts';

/** Monday first; the numbers are JavaScript's getDay() (Sunday 0). */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function WaitFields({
  config,
  choices,
  onChange,
  weekdayName,
}: {
  config: WaitConfig;
  choices: FlowChoices;
  onChange: (c: WaitConfig) => void;
  weekdayName: (d: number) => string;
}) {
  const { t } = useTranslation();
  const modes: Record<WaitConfig['mode'], WaitConfig> = {
    duration: { mode: 'duration', amount: 1, unit: 'days' },
    weekday: { mode: 'weekday', weekdays: [2], hour: 10, minute: 0 },
    date_field: { mode: 'date_field', field: 'created_at', offsetDays: 0, hour: 9 },
  };
  return (
    <>
      <SegmentedControl
        aria-label={t('audFlows.waitMode')}
        data={(['duration', 'weekday', 'date_field'] as const).map((m) => ({
          value: m,
          label: t(`audFlows.waitModes.${m}`),
        }))}
        value={config.mode}
        onChange={(m) => onChange(modes[m as WaitConfig['mode']])}
      />
      {config.mode === 'duration' && (
        <Group grow>
          <NumberInput
            label={t('audFlows.amount')}
            min={1}
            max={10000}
            value={config.amount}
            onChange={(v) => onChange({ ...config, amount: Number(v) || 1 })}
          />
          <Select
            label={t('audFlows.unit')}
            data={(['minutes', 'hours', 'days', 'weeks'] as const).map((u) => ({
              value: u,
              label: t(`audFlows.units.${u}`),
            }))}
            value={config.unit}
            onChange={(v) => v && onChange({ ...config, unit: v as typeof config.unit })}
            allowDeselect={false}
          />
        </Group>
      )}
      {config.mode === 'weekday' && (
        <>
          <Checkbox.Group
            label={t('audFlows.weekdays')}
            value={config.weekdays.map(String)}
            onChange={(v) => onChange({ ...config, weekdays: v.map(Number) })}
          >
            <Group gap="xs" mt={4}>
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={String(d)} label={weekdayName(d)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group grow>
            <NumberInput
              label={t('audFlows.hour')}
              min={0}
              max={23}
              value={config.hour}
              onChange={(v) => onChange({ ...config, hour: Number(v) || 0 })}
            />
            <NumberInput
              label={t('audFlows.minute')}
              min={0}
              max={59}
              value={config.minute}
              onChange={(v) => onChange({ ...config, minute: Number(v) || 0 })}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('audFlows.timezoneHint')}
          </Text>
        </>
      )}
      {config.mode === 'date_field' && (
        <>
          <Select
            label={t('audFlows.dateField')}
            data={[{ value: 'created_at', label: t('audFlows.createdAt') }, ...choices.dateFields]}
            value={config.field}
            onChange={(v) => v && onChange({ ...config, field: v })}
            allowDeselect={false}
          />
          <Group grow>
            <NumberInput
              label={t('audFlows.offsetDays')}
              description={t('audFlows.offsetHint')}
              min={-3650}
              max={3650}
              value={config.offsetDays}
              onChange={(v) => onChange({ ...config, offsetDays: Number(v) || 0 })}
            />
            <NumberInput
              label={t('audFlows.hour')}
              min={0}
              max={23}
              value={config.hour}
              onChange={(v) => onChange({ ...config, hour: Number(v) || 0 })}
            />
          </Group>
        </>
      )}
    </>
  );
}

export function BranchFields({
  condition,
  emailSteps,
  choices,
  onChange,
}: {
  condition: BranchCondition;
  emailSteps: FlowNode[];
  choices: FlowChoices;
  onChange: (c: BranchCondition) => void;
}) {
  const { t } = useTranslation();
  const firstEmail = emailSteps[emailSteps.length - 1]?.id ?? '';
  const blank: Record<BranchCondition['kind'], BranchCondition> = {
    email_opened: { kind: 'email_opened', stepId: firstEmail },
    email_clicked: { kind: 'email_clicked', stepId: firstEmail },
    segment: { kind: 'segment', segmentId: choices.segments[0]?.value ?? '' },
    has_tag: { kind: 'has_tag', tag: '' },
    rules: { kind: 'rules', rules: { op: 'and', rules: [] } },
  };
  return (
    <>
      <Select
        label={t('audFlows.condition')}
        data={(['email_opened', 'email_clicked', 'segment', 'has_tag', 'rules'] as const).map((k) => ({
          value: k,
          label: t(`audFlows.conditions.${k}`),
        }))}
        value={condition.kind}
        onChange={(k) => k && onChange(blank[k as BranchCondition['kind']])}
        allowDeselect={false}
      />
      {(condition.kind === 'email_opened' || condition.kind === 'email_clicked') && (
        <Select
          label={t('audFlows.whichEmail')}
          data={emailSteps.map((n) => ({ value: n.id, label: n.name || n.id }))}
          value={condition.stepId || null}
          onChange={(v) => v && onChange({ ...condition, stepId: v })}
          allowDeselect={false}
          description={emailSteps.length ? undefined : t('audFlows.noEmailBefore')}
        />
      )}
      {condition.kind === 'segment' && (
        <Select
          label={t('audFlows.segment')}
          data={choices.segments}
          value={condition.segmentId || null}
          onChange={(v) => v && onChange({ ...condition, segmentId: v })}
          searchable
        />
      )}
      {condition.kind === 'has_tag' && (
        <TextInput
          label={t('audFlows.tag')}
          value={condition.tag}
          onChange={(e) => onChange({ ...condition, tag: e.currentTarget.value })}
        />
      )}
      {condition.kind === 'rules' && (
        <Textarea
          label={t('audFlows.rulesJson')}
          description={t('audFlows.rulesHint')}
          autosize
          minRows={4}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          defaultValue={JSON.stringify(condition.rules, null, 2)}
          onBlur={(e) => {
            try {
              onChange({ kind: 'rules', rules: JSON.parse(e.currentTarget.value) });
            } catch {
              // Left as typed until it parses; the server names what is wrong on save.
            }
          }}
        />
      )}
    </>
  );
}
