import { Autocomplete, Group, MultiSelect, NumberInput, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../crm/types.ts';
import {
  CONSENT_OPS,
  CONSENT_STATUSES,
  CONTACT_FIELDS,
  type Condition,
  DAYS_OPS,
  EMAIL_OPS,
  EVENT_OPS,
  LIST_OPS,
  LIST_VALUE_OPS,
  NO_VALUE_OPS,
  newCondition,
  OPS_BY_KIND,
  subjectOf,
  TAG_OPS,
  type ValueKind,
  WEBINAR_OPS,
} from './rules.ts';

export type Option = { value: string; label: string };
export type EditorRefs = {
  customFields: { key: string; label: string; type: string; options: string[] }[];
  customKinds: Record<string, ValueKind>;
  stages: Option[];
  members: Option[];
  lists: Option[];
  campaigns: Option[];
  webinars: Option[];
  eventTypes: string[];
};

const num = (v: string | number): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One condition: what it is about, an operator that suits it, and the value editors that operator needs. */
export function ConditionEditor({
  condition: c,
  onChange,
  refs,
  errors,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
  refs: EditorRefs;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const opLabel = (op: string) => t(`audLists.editor.ops.${op}` as 'audLists.editor.ops.is', op);
  const ops = (list: readonly string[]) => list.map((o) => ({ value: o, label: opLabel(o) }));
  /** The operator picker each condition starts with ("has any of", "opened", "attended"…). */
  const opPicker = (list: readonly string[], value: string, set: (op: string) => void, w: number) => (
    <Select
      aria-label={t('audLists.editor.op')}
      data={ops(list)}
      value={value}
      onChange={(op) => op && set(op)}
      allowDeselect={false}
      w={w}
    />
  );

  const subjects = [
    {
      group: t('audLists.editor.groups.contact'),
      items: (Object.keys(CONTACT_FIELDS) as (keyof typeof CONTACT_FIELDS)[]).map((f) => ({
        value: `field:${f}`,
        label: t(`audLists.editor.fields.${f}`),
      })),
    },
    ...(refs.customFields.length
      ? [
          {
            group: t('audLists.editor.groups.custom'),
            items: refs.customFields.map((f) => ({ value: `custom:${f.key}`, label: f.label })),
          },
        ]
      : []),
    {
      group: t('audLists.editor.groups.audience'),
      items: (['tags', 'consent', 'list'] as const).map((k) => ({ value: k, label: t(`audLists.editor.kinds.${k}`) })),
    },
    {
      group: t('audLists.editor.groups.activity'),
      items: (['email', 'event', 'webinar'] as const).map((k) => ({
        value: k,
        label: t(`audLists.editor.kinds.${k}`),
      })),
    },
  ];
  const subject = subjectOf(c);
  const subjectSelect = (
    <Select
      aria-label={t('audLists.editor.what')}
      data={subjects}
      value={subject}
      onChange={(v) => v && v !== subject && onChange(newCondition(v, refs.customKinds))}
      allowDeselect={false}
      searchable
      w={180}
      error={errors.key || errors.field || errors.kind}
    />
  );
  const err = (k: string) => errors[k];

  const valueEditors = () => {
    if (c.kind === 'field' || c.kind === 'custom') {
      const vk: ValueKind = c.kind === 'field' ? CONTACT_FIELDS[c.field] : (refs.customKinds[c.key] ?? 'text');
      const setOp = (op: string | null) => {
        if (!op) return;
        const next = { ...c, op } as Condition & { value?: unknown; days?: number };
        if (NO_VALUE_OPS.has(op)) delete next.value;
        else if (LIST_VALUE_OPS.has(op))
          next.value = Array.isArray(c.value) ? c.value : c.value ? [String(c.value)] : [];
        else if (DAYS_OPS.has(op)) {
          delete next.value;
          next.days = c.days ?? 30;
        } else if (Array.isArray(c.value)) next.value = c.value[0] ?? '';
        if (!DAYS_OPS.has(op)) delete next.days;
        onChange(next as Condition);
      };
      let choices: Option[] | null = null;
      if (c.kind === 'field' && c.field === 'lifecycle_stage') choices = refs.stages;
      if (c.kind === 'field' && c.field === 'source_channel') choices = CHANNELS.map((x) => ({ value: x, label: x }));
      if (c.kind === 'field' && c.field === 'owner') choices = refs.members;
      if (c.kind === 'custom') {
        const def = refs.customFields.find((f) => f.key === c.key);
        if (def?.options.length) choices = def.options.map((o) => ({ value: o, label: o }));
      }
      const setValue = (value: unknown) => onChange({ ...c, value } as Condition);
      let value: React.ReactNode = null;
      if (NO_VALUE_OPS.has(c.op)) value = null;
      else if (DAYS_OPS.has(c.op))
        value = (
          <NumberInput
            aria-label={t('audLists.editor.days')}
            min={1}
            max={36500}
            w={110}
            value={c.days ?? ''}
            onChange={(v) => onChange({ ...c, days: num(v) } as Condition)}
            rightSection={
              <Text size="xs" c="dimmed" pe={8}>
                {t('audLists.editor.days')}
              </Text>
            }
            rightSectionWidth={48}
            error={err('days')}
          />
        );
      else if (LIST_VALUE_OPS.has(c.op))
        value = choices ? (
          <MultiSelect
            aria-label={t('audLists.editor.values')}
            data={choices}
            value={Array.isArray(c.value) ? c.value : []}
            onChange={setValue}
            searchable
            miw={200}
            error={err('value')}
          />
        ) : (
          <TagsInput
            aria-label={t('audLists.editor.values')}
            placeholder={t('audLists.editor.pressEnter')}
            value={Array.isArray(c.value) ? c.value : []}
            onChange={setValue}
            miw={200}
            error={err('value')}
          />
        );
      else if (vk === 'number')
        value = (
          <NumberInput
            aria-label={t('audLists.editor.value')}
            w={140}
            value={typeof c.value === 'number' ? c.value : ''}
            onChange={(v) => setValue(num(v))}
            error={err('value')}
          />
        );
      else if (vk === 'date')
        value = (
          <TextInput
            type="date"
            aria-label={t('audLists.editor.value')}
            w={170}
            value={typeof c.value === 'string' ? c.value : ''}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={err('value')}
          />
        );
      else if (choices)
        value = (
          <Select
            aria-label={t('audLists.editor.value')}
            data={choices}
            value={typeof c.value === 'string' && c.value ? c.value : null}
            onChange={(v) => setValue(v ?? '')}
            searchable
            w={200}
            error={err('value')}
          />
        );
      else
        value = (
          <TextInput
            aria-label={t('audLists.editor.value')}
            w={200}
            value={typeof c.value === 'string' ? c.value : ''}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={err('value')}
          />
        );
      return (
        <>
          <Select
            aria-label={t('audLists.editor.op')}
            data={ops(OPS_BY_KIND[vk])}
            value={c.op}
            onChange={setOp}
            allowDeselect={false}
            w={170}
            error={err('op')}
          />
          {value}
        </>
      );
    }
    switch (c.kind) {
      case 'tags':
        return (
          <>
            {opPicker(TAG_OPS, c.op, (op) => onChange({ ...c, op: op as typeof c.op }), 160)}
            <TagsInput
              aria-label={t('audLists.editor.tags')}
              placeholder={t('audLists.editor.pressEnter')}
              value={c.tags}
              onChange={(tags) => onChange({ ...c, tags })}
              miw={240}
              error={err('tags')}
            />
          </>
        );
      case 'consent':
        return (
          <>
            {opPicker(CONSENT_OPS, c.op, (op) => onChange({ ...c, op: op as typeof c.op }), 110)}
            <Select
              aria-label={t('audLists.editor.status')}
              data={CONSENT_STATUSES.map((s) => ({ value: s, label: t(`audLists.editor.consentStatus.${s}`) }))}
              value={c.status}
              onChange={(s) => s && onChange({ ...c, status: s as typeof c.status })}
              allowDeselect={false}
              w={170}
            />
          </>
        );
      case 'list':
        return (
          <>
            {opPicker(LIST_OPS, c.op, (op) => onChange({ ...c, op: op as typeof c.op }), 200)}
            <Select
              aria-label={t('audLists.editor.list')}
              placeholder={t('audLists.editor.list')}
              data={refs.lists}
              value={c.listId || null}
              onChange={(listId) => onChange({ ...c, listId: listId ?? '' })}
              searchable
              w={200}
              error={err('listId')}
            />
          </>
        );
      case 'email': {
        const positive = !c.op.startsWith('not_');
        return (
          <>
            {opPicker(
              EMAIL_OPS,
              c.op,
              (op) => {
                const next = { ...c, op: op as typeof c.op };
                if (op.startsWith('not_')) delete next.atLeast;
                onChange(next);
              },
              160,
            )}
            <Select
              aria-label={t('audLists.editor.campaign')}
              placeholder={t('audLists.editor.anyCampaign')}
              data={refs.campaigns}
              value={c.campaignId ?? null}
              onChange={(id) => {
                const next = { ...c };
                if (id) next.campaignId = id;
                else delete next.campaignId;
                onChange(next);
              }}
              clearable
              searchable
              w={200}
              error={err('campaignId')}
            />
            <NumberInput
              aria-label={t('audLists.editor.withinDays')}
              placeholder={t('audLists.editor.withinDays')}
              min={1}
              max={36500}
              w={170}
              value={c.withinDays ?? ''}
              onChange={(v) => onChange({ ...c, withinDays: num(v) } as Condition)}
              error={err('withinDays')}
            />
            {positive && (
              <NumberInput
                aria-label={t('audLists.editor.atLeast')}
                placeholder={t('audLists.editor.atLeast')}
                min={1}
                max={1000}
                w={150}
                value={c.atLeast ?? ''}
                onChange={(v) => onChange({ ...c, atLeast: num(v) } as Condition)}
                error={err('atLeast')}
              />
            )}
          </>
        );
      }
      case 'event':
        return (
          <>
            {opPicker(
              EVENT_OPS,
              c.op,
              (op) => {
                const next = { ...c, op: op as typeof c.op };
                if (op === 'not_happened') delete next.atLeast;
                onChange(next);
              },
              160,
            )}
            <Autocomplete
              aria-label={t('audLists.editor.eventType')}
              placeholder={t('audLists.editor.eventType')}
              data={refs.eventTypes}
              value={c.type}
              onChange={(type) => onChange({ ...c, type })}
              w={200}
              error={err('type')}
            />
            <NumberInput
              aria-label={t('audLists.editor.withinDays')}
              placeholder={t('audLists.editor.withinDays')}
              min={1}
              w={170}
              value={c.withinDays ?? ''}
              onChange={(v) => onChange({ ...c, withinDays: num(v) } as Condition)}
            />
            {c.op === 'happened' && (
              <NumberInput
                aria-label={t('audLists.editor.atLeast')}
                placeholder={t('audLists.editor.atLeast')}
                min={1}
                w={150}
                value={c.atLeast ?? ''}
                onChange={(v) => onChange({ ...c, atLeast: num(v) } as Condition)}
              />
            )}
            <Group gap={4} wrap="nowrap">
              <TextInput
                aria-label={t('audLists.editor.propertyKey')}
                placeholder={t('audLists.editor.propertyKey')}
                w={120}
                value={c.property?.key ?? ''}
                onChange={(e) => {
                  const key = e.currentTarget.value;
                  const next = { ...c };
                  if (key) next.property = { key, value: c.property?.value ?? '' };
                  else delete next.property;
                  onChange(next);
                }}
              />
              <TextInput
                aria-label={t('audLists.editor.propertyValue')}
                placeholder={t('audLists.editor.propertyValue')}
                w={120}
                disabled={!c.property}
                value={c.property ? String(c.property.value) : ''}
                onChange={(e) =>
                  c.property && onChange({ ...c, property: { key: c.property.key, value: e.currentTarget.value } })
                }
                error={err('property')}
              />
            </Group>
          </>
        );
      case 'webinar':
        return (
          <>
            {opPicker(WEBINAR_OPS, c.op, (op) => onChange({ ...c, op: op as typeof c.op }), 240)}
            <Select
              aria-label={t('audLists.editor.webinar')}
              placeholder={t('audLists.editor.anyWebinar')}
              data={refs.webinars}
              value={c.webinarId ?? null}
              onChange={(id) => {
                const next = { ...c };
                if (id) next.webinarId = id;
                else delete next.webinarId;
                onChange(next);
              }}
              clearable
              searchable
              w={200}
            />
            <NumberInput
              aria-label={t('audLists.editor.withinDays')}
              placeholder={t('audLists.editor.withinDays')}
              min={1}
              w={170}
              value={c.withinDays ?? ''}
              onChange={(v) => onChange({ ...c, withinDays: num(v) } as Condition)}
            />
          </>
        );
    }
  };

  return (
    <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1, minInlineSize: 0 }}>
      {subjectSelect}
      {valueEditors()}
    </Group>
  );
}
