import { Alert, Button, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FlowChoices } from './flow-choices.ts';
import { emailStepsBefore } from './graph-edit.ts';
import { BranchFields, WaitFields } from './step-fields.tsx';
import type { FlowGraph, FlowNode } from './types.ts';

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
