import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import type { List, Page } from '../../../lib/types.ts';
import { emailStepsBefore } from './graph-edit.ts';
import {
  type BranchCondition,
  type Flow,
  type FlowGraph,
  type FlowNode,
  type FlowTrigger,
  type ReentryRule,
  TRIGGER_TYPES,
  type TriggerType,
  type WaitConfig,
} from './types.ts';

type Named = { id: string; name: string };
type Field = { key: string; label: string; type: string };
type Member = { userId: string; name: string; email: string };
type Stage = { key: string; label: string };

const opts = { staleTime: 60_000 };
/** What the panels choose from: lists, forms, templates, segments, fields, people. */
export function useFlowChoices() {
  const lists = useQuery({
    queryKey: ['audience', 'lists', 'choices'],
    queryFn: () => api.get<Page<Named>>('/lists', { limit: 500 }),
    ...opts,
  });
  const forms = useQuery({
    queryKey: ['audience', 'forms', 'choices'],
    queryFn: () => api.get<Page<Named>>('/forms', { limit: 200 }),
    ...opts,
  });
  const templates = useQuery({
    queryKey: ['audience', 'templates', 'choices'],
    queryFn: () => api.get<Page<Named>>('/templates', { limit: 200 }),
    ...opts,
  });
  const segments = useQuery({
    queryKey: ['audience', 'segments', 'choices'],
    queryFn: () => api.get<Page<Named>>('/segments', { limit: 500 }),
    ...opts,
  });
  const fields = useQuery({
    queryKey: ['custom-fields', 'contact'],
    queryFn: () => api.get<List<Field>>('/custom-fields', { entity: 'contact' }),
    ...opts,
  });
  const members = useQuery({ queryKey: ['members'], queryFn: () => api.get<List<Member>>('/members'), ...opts });
  const stages = useQuery({
    queryKey: ['lifecycle-stages'],
    queryFn: () => api.get<List<Stage>>('/lifecycle-stages'),
    ...opts,
  });
  const pick = (q: { data?: { data: Named[] } | undefined }) =>
    (q.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  return {
    lists: pick(lists),
    forms: pick(forms),
    templates: pick(templates),
    segments: pick(segments),
    dateFields: (fields.data?.data ?? [])
      .filter((f) => f.type === 'date')
      .map((f) => ({ value: `custom.${f.key}`, label: f.label })),
    allFields: (fields.data?.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: f.label })),
    members: (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
    stages: (stages.data?.data ?? []).map((s) => ({ value: s.key, label: s.label })),
  };
}
export type FlowChoices = ReturnType<typeof useFlowChoices>;

export function TriggerPanel({
  flow,
  trigger,
  reentry,
  reentryDays,
  choices,
  onChange,
}: {
  flow: Flow;
  trigger: FlowTrigger;
  reentry: ReentryRule;
  reentryDays: number | null;
  choices: FlowChoices;
  onChange: (next: { trigger?: FlowTrigger; reentry?: ReentryRule; reentryDays?: number | null }) => void;
}) {
  const { t } = useTranslation();
  const setType = (type: TriggerType) => {
    const blank: Record<TriggerType, FlowTrigger> = {
      list_subscribed: { type: 'list_subscribed', config: { listId: null } },
      form_submitted: { type: 'form_submitted', config: { formId: null } },
      tag_added: { type: 'tag_added', config: { tag: '' } },
      tag_removed: { type: 'tag_removed', config: { tag: '' } },
      lifecycle_stage_changed: { type: 'lifecycle_stage_changed', config: { to: null } },
      deal_stage_changed: { type: 'deal_stage_changed', config: {} },
      date_anniversary: { type: 'date_anniversary', config: { field: 'created_at' } },
      custom_event: { type: 'custom_event', config: { eventType: '' } },
      domain_event: { type: 'domain_event', config: { eventType: 'order.fulfilled' } },
      manual: { type: 'manual', config: {} },
    };
    onChange({ trigger: blank[type] });
  };
  const cfg = (config: Record<string, unknown>) =>
    onChange({ trigger: { ...trigger, config: { ...trigger.config, ...config } } as FlowTrigger });
  return (
    <Stack gap="sm">
      <Title order={4}>{t('audFlows.trigger')}</Title>
      <Select
        label={t('audFlows.triggerType')}
        data={TRIGGER_TYPES.map((v) => ({ value: v, label: t(`audFlows.triggers.${v}`) }))}
        value={trigger.type}
        onChange={(v) => v && setType(v as TriggerType)}
        allowDeselect={false}
      />
      {trigger.type === 'list_subscribed' && (
        <Select
          label={t('audFlows.list')}
          placeholder={t('audFlows.anyList')}
          data={choices.lists}
          value={trigger.config.listId ?? null}
          onChange={(v) => cfg({ listId: v })}
          clearable
          searchable
        />
      )}
      {trigger.type === 'form_submitted' && (
        <Select
          label={t('audFlows.form')}
          placeholder={t('audFlows.anyForm')}
          data={choices.forms}
          value={trigger.config.formId ?? null}
          onChange={(v) => cfg({ formId: v })}
          clearable
          searchable
        />
      )}
      {(trigger.type === 'tag_added' || trigger.type === 'tag_removed') && (
        <TextInput
          label={t('audFlows.tag')}
          value={trigger.config.tag}
          onChange={(e) => cfg({ tag: e.currentTarget.value })}
        />
      )}
      {trigger.type === 'lifecycle_stage_changed' && (
        <Select
          label={t('audFlows.toStage')}
          placeholder={t('audFlows.anyStage')}
          data={choices.stages}
          value={trigger.config.to ?? null}
          onChange={(v) => cfg({ to: v })}
          clearable
        />
      )}
      {trigger.type === 'deal_stage_changed' && (
        <Text size="sm" c="dimmed">
          {t('audFlows.dealStageHint')}
        </Text>
      )}
      {trigger.type === 'date_anniversary' && (
        <Select
          label={t('audFlows.dateField')}
          data={[{ value: 'created_at', label: t('audFlows.createdAt') }, ...choices.dateFields]}
          value={trigger.config.field}
          onChange={(v) => v && cfg({ field: v })}
          allowDeselect={false}
          description={t('audFlows.anniversaryHint')}
        />
      )}
      {(trigger.type === 'custom_event' || trigger.type === 'domain_event') && (
        <TextInput
          label={t('audFlows.eventType')}
          description={trigger.type === 'custom_event' ? t('audFlows.customEventHint') : t('audFlows.domainEventHint')}
          value={trigger.config.eventType}
          onChange={(e) => cfg({ eventType: e.currentTarget.value })}
        />
      )}
      {trigger.type === 'manual' && (
        <Text size="sm" c="dimmed">
          {t('audFlows.manualHint')}
        </Text>
      )}
      <SegmentedControl
        aria-label={t('audFlows.reentry')}
        data={(['once', 'always', 'after'] as const).map((v) => ({ value: v, label: t(`audFlows.reentryRules.${v}`) }))}
        value={reentry}
        onChange={(v) =>
          onChange({ reentry: v as ReentryRule, reentryDays: v === 'after' ? (reentryDays ?? 30) : null })
        }
      />
      {reentry === 'after' && (
        <NumberInput
          label={t('audFlows.reentryDays')}
          min={1}
          max={3650}
          value={reentryDays ?? 30}
          onChange={(v) => onChange({ reentryDays: Number(v) || 1 })}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('audFlows.webhookSecret')}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{flow.webhookSecret}</Code>
        <CopyButton value={flow.webhookSecret}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? t('audFlows.copied') : t('audFlows.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function StepPanel({
  node,
  graph,
  choices,
  issues,
  onChange,
  onRemove,
  readOnly,
}: {
  node: FlowNode;
  graph: FlowGraph;
  choices: FlowChoices;
  issues: string[];
  onChange: (node: FlowNode) => void;
  onRemove: () => void;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const set = (config: Record<string, unknown>) =>
    onChange({ ...node, config: { ...node.config, ...config } } as FlowNode);
  const weekdayName = (d: number) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 7 + d)),
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>{t(`audFlows.steps.${node.type}`)}</Title>
        {!readOnly && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={onRemove}
          >
            {t('audFlows.removeStep')}
          </Button>
        )}
      </Group>
      {issues.map((m) => (
        <Alert key={m} color="red" p="xs">
          {m}
        </Alert>
      ))}
      <TextInput
        label={t('audFlows.stepName')}
        placeholder={t(`audFlows.steps.${node.type}`)}
        value={node.name ?? ''}
        onChange={(e) => onChange({ ...node, name: e.currentTarget.value || null })}
      />
      {node.type === 'send_email' && (
        <>
          <Select
            label={t('audFlows.template')}
            placeholder={t('audFlows.inlineEmail')}
            data={choices.templates}
            value={node.config.templateId ?? null}
            onChange={(v) => set({ templateId: v })}
            clearable
            searchable
          />
          {!node.config.templateId && (
            <>
              <TextInput
                label={t('audFlows.subject')}
                value={node.config.subject ?? ''}
                onChange={(e) => set({ subject: e.currentTarget.value })}
              />
              <TextInput
                label={t('audFlows.preheader')}
                value={node.config.preheader ?? ''}
                onChange={(e) => set({ preheader: e.currentTarget.value || null })}
              />
              <Textarea
                label={t('audFlows.body')}
                description={t('audFlows.bodyHint')}
                autosize
                minRows={8}
                maxRows={20}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                value={node.config.mjml ?? ''}
                onChange={(e) => set({ mjml: e.currentTarget.value })}
              />
            </>
          )}
        </>
      )}
      {node.type === 'wait' && (
        <WaitFields config={node.config} choices={choices} onChange={(c) => set(c)} weekdayName={weekdayName} />
      )}
      {node.type === 'branch' && (
        <BranchFields
          condition={node.config.condition}
          emailSteps={emailStepsBefore(graph, node.id)}
          choices={choices}
          onChange={(condition) => set({ condition })}
        />
      )}
      {(node.type === 'add_tag' || node.type === 'remove_tag') && (
        <TextInput
          label={t('audFlows.tag')}
          value={node.config.tag}
          onChange={(e) => set({ tag: e.currentTarget.value })}
        />
      )}
      {node.type === 'set_field' && (
        <>
          <Select
            label={t('audFlows.field')}
            data={[
              ...(['firstName', 'lastName', 'title', 'language', 'timezone', 'website', 'lifecycleStage'] as const).map(
                (f) => ({ value: f, label: t(`audFlows.fields.${f}`) }),
              ),
              ...choices.allFields,
            ]}
            value={node.config.field}
            onChange={(v) => v && set({ field: v })}
            allowDeselect={false}
            searchable
          />
          {node.config.field === 'lifecycleStage' ? (
            <Select
              label={t('audFlows.value')}
              data={choices.stages}
              value={typeof node.config.value === 'string' ? node.config.value : null}
              onChange={(v) => set({ value: v })}
            />
          ) : (
            <TextInput
              label={t('audFlows.value')}
              value={node.config.value === null ? '' : String(node.config.value)}
              onChange={(e) => set({ value: e.currentTarget.value })}
            />
          )}
        </>
      )}
      {node.type === 'create_task' && (
        <>
          <TextInput
            label={t('audFlows.taskTitle')}
            value={node.config.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
          <Textarea
            label={t('audFlows.notes')}
            autosize
            minRows={2}
            value={node.config.notes ?? ''}
            onChange={(e) => set({ notes: e.currentTarget.value || null })}
          />
          <Select
            label={t('audFlows.assignee')}
            data={[
              { value: 'owner', label: t('audFlows.contactOwner') },
              { value: 'unassigned', label: t('audFlows.unassigned') },
              ...choices.members,
            ]}
            value={node.config.assignee}
            onChange={(v) => v && set({ assignee: v })}
            allowDeselect={false}
          />
          <NumberInput
            label={t('audFlows.dueInDays')}
            min={0}
            max={365}
            value={node.config.dueInDays}
            onChange={(v) => set({ dueInDays: Number(v) || 0 })}
          />
        </>
      )}
      {node.type === 'notify' && (
        <>
          <Select
            label={t('audFlows.notifyWho')}
            data={[{ value: 'owner', label: t('audFlows.contactOwner') }, ...choices.members]}
            value={node.config.userId}
            onChange={(v) => v && set({ userId: v })}
            allowDeselect={false}
          />
          <TextInput
            label={t('audFlows.subject')}
            value={node.config.subject}
            onChange={(e) => set({ subject: e.currentTarget.value })}
          />
          <Textarea
            label={t('audFlows.message')}
            autosize
            minRows={3}
            value={node.config.message}
            onChange={(e) => set({ message: e.currentTarget.value })}
          />
        </>
      )}
      {node.type === 'webhook' && (
        <TextInput
          label={t('audFlows.url')}
          description={t('audFlows.webhookHint')}
          value={node.config.url}
          onChange={(e) => set({ url: e.currentTarget.value })}
        />
      )}
      {node.type === 'exit' && (
        <Text size="sm" c="dimmed">
          {t('audFlows.exitHint')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('audFlows.stepId', { id: node.id })}
      </Text>
    </Stack>
  );
}

function WaitFields({
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

function BranchFields({
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
