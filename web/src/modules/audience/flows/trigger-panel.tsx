import {
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FlowChoices } from './flow-choices.ts';
import { type Flow, type FlowTrigger, type ReentryRule, TRIGGER_TYPES, type TriggerType } from './types.ts';

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
        <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis', minInlineSize: 0 }}>{flow.webhookSecret}</Code>
        <CopyButton value={flow.webhookSecret}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy} style={{ flexShrink: 0 }}>
              {copied ? t('audFlows.copied') : t('audFlows.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
