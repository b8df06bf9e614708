import { ActionIcon, Badge, Box, Group, Menu, Paper, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import {
  IconArrowsSplit,
  IconBolt,
  IconClock,
  IconDoorExit,
  IconMail,
  IconPencil,
  IconPlus,
  IconSubtask,
  IconTag,
  IconTagOff,
  IconUserExclamation,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { childOf, type Slot, startOf } from './graph-edit.ts';
import { type FlowGraph, type FlowIssue, type FlowNode, STEP_TYPES, type StepStats, type StepType } from './types.ts';

export const STEP_ICONS: Record<StepType, ReactNode> = {
  send_email: <IconMail size={16} />,
  wait: <IconClock size={16} />,
  branch: <IconArrowsSplit size={16} />,
  add_tag: <IconTag size={16} />,
  remove_tag: <IconTagOff size={16} />,
  set_field: <IconPencil size={16} />,
  create_task: <IconSubtask size={16} />,
  notify: <IconUserExclamation size={16} />,
  webhook: <IconWebhook size={16} />,
  exit: <IconDoorExit size={16} />,
};

const line = <Box aria-hidden w={2} h={20} mx="auto" bg="gray.4" />;

type Props = {
  graph: FlowGraph;
  triggerSummary: string;
  selected: string | null;
  issues: FlowIssue[];
  stats?: StepStats[] | undefined;
  readOnly?: boolean;
  onSelect: (id: string) => void;
  onInsert: (at: Slot, type: StepType) => void;
  describe: (node: FlowNode) => string;
};

/**
 * The flow as a vertical tree of cards: the trigger on top, each step under the one before, a branch splitting into a
 * "yes" and a "no" column. Cards are buttons (Tab moves down the flow, Enter opens a step); logical CSS only, so the
 * columns mirror in right-to-left languages.
 */
export function FlowCanvas(props: Props) {
  const { t } = useTranslation();
  const start = startOf(props.graph);
  return (
    <Stack gap={0} align="stretch" role="tree" aria-label={t('audFlows.canvas')}>
      <StepCard
        id="$trigger"
        selected={props.selected === '$trigger'}
        onSelect={props.onSelect}
        icon={<IconBolt size={16} />}
        color="grape"
        title={t('audFlows.trigger')}
        subtitle={props.triggerSummary}
        hasIssue={props.issues.some((i) => i.field.startsWith('trigger'))}
      />
      <Chain {...props} id={start} at={{ parent: null }} />
    </Stack>
  );
}

function Chain(props: Props & { id: string | null; at: Slot }) {
  const { t } = useTranslation();
  const { id, at } = props;
  const node = id ? props.graph.nodes.find((n) => n.id === id) : undefined;
  if (!node) {
    return (
      <>
        {line}
        <AddButton {...props} at={at} end />
      </>
    );
  }
  const stat = props.stats?.find((x) => x.stepId === node.id);
  return (
    <>
      {line}
      {!props.readOnly && node.type !== 'exit' && <AddButton {...props} at={at} end={false} />}
      {!props.readOnly && node.type !== 'exit' && line}
      <NodeCard {...props} node={node} />
      {node.type === 'branch' ? (
        <>
          {line}
          <Box
            style={{
              borderBlockStart: '2px solid var(--mantine-color-gray-4)',
              marginInline: '25%',
            }}
          />
          <Group align="flex-start" gap="md" wrap="nowrap" grow>
            {(['yes', 'no'] as const).map((b) => (
              <Stack key={b} gap={0} style={{ minInlineSize: 220 }} role="group" aria-label={b}>
                <Box aria-hidden w={2} h={12} mx="auto" bg="gray.4" />
                <Badge mx="auto" variant="light" color={b === 'yes' ? 'teal' : 'red'}>
                  {t(`audFlows.${b}`)}
                  {stat ? ` · ${stat[b] ?? 0}` : ''}
                </Badge>
                <Chain {...props} id={childOf(props.graph, node.id, b)} at={{ parent: node.id, branch: b }} />
              </Stack>
            ))}
          </Group>
        </>
      ) : node.type === 'exit' ? null : (
        <Chain {...props} id={childOf(props.graph, node.id)} at={{ parent: node.id }} />
      )}
    </>
  );
}

function NodeCard(props: Props & { node: FlowNode }) {
  const { t } = useTranslation();
  const { node } = props;
  const s = props.stats?.find((x) => x.stepId === node.id);
  return (
    <StepCard
      id={node.id}
      selected={props.selected === node.id}
      onSelect={props.onSelect}
      icon={STEP_ICONS[node.type]}
      color={node.type === 'exit' ? 'gray' : node.type === 'branch' ? 'orange' : 'freehold'}
      title={node.name || t(`audFlows.steps.${node.type}`)}
      subtitle={props.describe(node)}
      hasIssue={props.issues.some((i) => i.stepId === node.id)}
      footer={
        s ? (
          <Group gap={6} mt={4}>
            <Badge size="xs" variant="outline">
              {t('audFlows.stats.enteredN', { count: s.entered })}
            </Badge>
            {s.waitingNow > 0 && (
              <Badge size="xs" variant="light" color="yellow">
                {t('audFlows.stats.hereNow', { count: s.waitingNow })}
              </Badge>
            )}
            {s.emails && (
              <Badge size="xs" variant="light">
                {t('audFlows.stats.openedOf', { opened: s.emails.opened, sent: s.emails.sent })}
              </Badge>
            )}
          </Group>
        ) : null
      }
    />
  );
}

function StepCard(p: {
  id: string;
  selected: boolean;
  onSelect: (id: string) => void;
  icon: ReactNode;
  color: string;
  title: string;
  subtitle: string;
  hasIssue: boolean;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={() => p.onSelect(p.id)}
      aria-pressed={p.selected}
      aria-label={`${p.title}: ${p.subtitle}${p.hasIssue ? ` (${t('audFlows.needsAttention')})` : ''}`}
      data-step={p.id}
      style={{ display: 'block', inlineSize: '100%', maxInlineSize: 340, marginInline: 'auto' }}
    >
      <Paper
        withBorder
        p="sm"
        radius="md"
        shadow={p.selected ? 'md' : 'xs'}
        style={{
          borderColor: p.hasIssue
            ? 'var(--mantine-color-red-6)'
            : p.selected
              ? 'var(--mantine-color-freehold-6, var(--mantine-color-blue-6))'
              : undefined,
          borderWidth: p.selected || p.hasIssue ? 2 : 1,
        }}
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color={p.color} radius="xl">
            {p.icon}
          </ThemeIcon>
          <div style={{ minInlineSize: 0 }}>
            <Text size="sm" fw={600} truncate>
              {p.title}
            </Text>
            <Text size="xs" c={p.hasIssue ? 'red' : 'dimmed'} lineClamp={2}>
              {p.subtitle}
            </Text>
            {p.footer}
          </div>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

function AddButton(props: Props & { at: Slot; end: boolean }) {
  const { t } = useTranslation();
  if (props.readOnly) return null;
  const types = STEP_TYPES.filter((s) => props.end || s !== 'exit');
  return (
    <Menu position="bottom" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="default"
          radius="xl"
          mx="auto"
          aria-label={props.end ? t('audFlows.addStepEnd') : t('audFlows.addStepHere')}
        >
          <IconPlus size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {types.map((type) => (
          <Menu.Item key={type} leftSection={STEP_ICONS[type]} onClick={() => props.onInsert(props.at, type)}>
            {t(`audFlows.steps.${type}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
