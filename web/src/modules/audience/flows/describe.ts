import type { TFunction } from 'i18next';
import type { FlowChoices } from './flow-choices.ts';
import type { FlowNode, FlowTrigger } from './types.ts';

const nameOf = (list: { value: string; label: string }[], id: string | null | undefined) =>
  (id && list.find((x) => x.value === id)?.label) || null;

/** One line saying what the trigger listens for, in the UI language. */
export function describeTrigger(t: TFunction, trigger: FlowTrigger, choices?: FlowChoices): string {
  const c = trigger.config as Record<string, string | null | undefined>;
  switch (trigger.type) {
    case 'list_subscribed':
      return t('audFlows.summary.list', { list: nameOf(choices?.lists ?? [], c.listId) ?? t('audFlows.anyList') });
    case 'form_submitted':
      return t('audFlows.summary.form', { form: nameOf(choices?.forms ?? [], c.formId) ?? t('audFlows.anyForm') });
    case 'tag_added':
    case 'tag_removed':
      return t(`audFlows.summary.${trigger.type}`, { tag: c.tag || '…' });
    case 'lifecycle_stage_changed':
      return t('audFlows.summary.stage', { stage: nameOf(choices?.stages ?? [], c.to) ?? t('audFlows.anyStage') });
    case 'date_anniversary':
      return t('audFlows.summary.anniversary', {
        field:
          c.field === 'created_at' ? t('audFlows.createdAt') : (nameOf(choices?.dateFields ?? [], c.field) ?? c.field),
      });
    case 'custom_event':
    case 'domain_event':
      return t('audFlows.summary.event', { type: c.eventType || '…' });
    default:
      return t(`audFlows.triggers.${trigger.type}`);
  }
}

/** One line saying what a step does. */
export function describeStep(t: TFunction, node: FlowNode, choices?: FlowChoices, all: FlowNode[] = []): string {
  switch (node.type) {
    case 'send_email':
      return node.config.templateId
        ? t('audFlows.summary.template', { name: nameOf(choices?.templates ?? [], node.config.templateId) ?? '…' })
        : node.config.subject || t('audFlows.summary.noSubject');
    case 'wait': {
      const w = node.config;
      if (w.mode === 'duration')
        return t('audFlows.summary.waitFor', { amount: w.amount, unit: t(`audFlows.units.${w.unit}`) });
      if (w.mode === 'weekday')
        return t('audFlows.summary.waitWeekday', {
          days: w.weekdays
            .map((d) =>
              new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(
                new Date(Date.UTC(2024, 0, 7 + d)),
              ),
            )
            .join(', '),
          time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
        });
      return t('audFlows.summary.waitDate', {
        field: w.field === 'created_at' ? t('audFlows.createdAt') : w.field,
        offset: w.offsetDays,
      });
    }
    case 'branch': {
      const c = node.config.condition;
      if (c.kind === 'email_opened' || c.kind === 'email_clicked') {
        const target = all.find((n) => n.id === c.stepId);
        return t(`audFlows.summary.${c.kind}`, { email: target?.name || c.stepId });
      }
      if (c.kind === 'segment')
        return t('audFlows.summary.segment', { name: nameOf(choices?.segments ?? [], c.segmentId) ?? '…' });
      if (c.kind === 'has_tag') return t('audFlows.summary.hasTag', { tag: c.tag || '…' });
      return t('audFlows.conditions.rules');
    }
    case 'add_tag':
    case 'remove_tag':
      return node.config.tag || '…';
    case 'set_field':
      return `${node.config.field} = ${node.config.value ?? '∅'}`;
    case 'create_task':
      return node.config.title || '…';
    case 'notify':
      return node.config.subject || '…';
    case 'webhook':
      return node.config.url;
    case 'exit':
      return t('audFlows.summary.exit');
  }
}
