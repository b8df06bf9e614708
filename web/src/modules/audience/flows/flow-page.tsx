import { Alert, Button, Grid, Group, Modal, Paper, ScrollArea, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { describeStep, describeTrigger } from './describe.ts';
import { EnrolmentsTab } from './enrolments-tab.tsx';
import { FlowCanvas } from './flow-canvas.tsx';
import { useFlowChoices } from './flow-choices.ts';
import { defaultNode, insertStep, removalSize, removeStep, replaceNode } from './graph-edit.ts';
import { StatsTab } from './stats-tab.tsx';
import { FlowStatusBadge } from './status-badge.tsx';
import { StepPanel } from './step-panel.tsx';
import { TriggerPanel } from './trigger-panel.tsx';
import type { Flow, FlowGraph, FlowIssue, FlowStats, FlowTrigger, ReentryRule } from './types.ts';

type Draft = { name: string; trigger: FlowTrigger; graph: FlowGraph; reentry: ReentryRule; reentryDays: number | null };
const draftOf = (f: Flow): Draft => ({
  name: f.name,
  trigger: f.trigger,
  graph: f.graph,
  reentry: f.reentry,
  reentryDays: f.reentryDays,
});

/** `graph.nodes.<id>…` names a step; `trigger…` the trigger. */
const issuesFrom = (err: unknown): FlowIssue[] | null =>
  err instanceof ApiError && err.problem.errors?.length
    ? err.problem.errors.map((e) => ({
        field: e.field,
        message: e.message,
        stepId: /^graph\.nodes\.([A-Za-z0-9_-]+)/.exec(e.field)?.[1] ?? null,
      }))
    : null;

export function FlowPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const choices = useFlowChoices();
  const flow = useQuery({ queryKey: ['flows', id], queryFn: () => api.get<Flow>(`/flows/${id}`) });
  const stats = useQuery({
    queryKey: ['flows', id, 'stats'],
    queryFn: () => api.get<FlowStats>(`/flows/${id}/stats`),
    refetchInterval: 15_000,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>('$trigger');
  const [issues, setIssues] = useState<FlowIssue[]>([]);
  const [tab, setTab] = useState<string | null>('editor');
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (flow.data && !dirty) {
      setDraft(draftOf(flow.data));
      setIssues(flow.data.issues);
    }
  }, [flow.data, dirty]);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  };
  const refresh = (f: Flow) => {
    qc.setQueryData(['flows', id], f);
    void qc.invalidateQueries({ queryKey: ['flows'] });
    setDirty(false);
    setDraft(draftOf(f));
    setIssues(f.issues);
  };
  const save = useMutation({
    mutationFn: (d: Draft) => api.patch<Flow>(`/flows/${id}`, d),
    onSuccess: (f) => {
      refresh(f);
      notifySuccess(t('audFlows.saved'));
    },
    onError: (err) => {
      const found = issuesFrom(err);
      if (found) setIssues(found);
      notifyError(err);
    },
  });
  const setStatus = useMutation({
    mutationFn: async (action: 'activate' | 'pause') => {
      if (dirty && draft) refresh(await api.patch<Flow>(`/flows/${id}`, draft));
      return api.post<Flow>(`/flows/${id}/${action}`);
    },
    onSuccess: (f) => {
      refresh(f);
      notifySuccess(f.status === 'active' ? t('audFlows.activated') : t('audFlows.paused'));
    },
    onError: (err) => {
      const found = issuesFrom(err);
      if (found) setIssues(found);
      notifyError(err, t('audFlows.cannotActivate'));
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/flows/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['flows'] });
      navigate('/audience/flows');
    },
    onError: (err) => notifyError(err),
  });

  const stepName = useMemo(() => {
    const nodes = draft?.graph.nodes ?? [];
    return (stepId: string | null) => {
      const n = nodes.find((x) => x.id === stepId);
      return n ? n.name || t(`audFlows.steps.${n.type}`) : (stepId ?? '—');
    };
  }, [draft, t]);

  if (flow.isPending || (flow.data && !draft)) return <PageLoader />;
  if (flow.isError) return <QueryError error={flow.error} onRetry={() => flow.refetch()} />;
  const f = flow.data;
  const d = draft!;
  const node = d.graph.nodes.find((n) => n.id === selected) ?? null;
  const active = f.status === 'active';

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audFlows.title'), to: '/audience/flows' }]}
        title={
          <Group gap="sm" wrap="nowrap">
            <TextInput
              style={{ flex: 1, minInlineSize: 0 }}
              aria-label={t('audFlows.name')}
              value={d.name}
              onChange={(e) => edit({ name: e.currentTarget.value })}
              variant="unstyled"
              size="xl"
              fw={700}
              styles={{ input: { fontWeight: 700, fontSize: 26 } }}
            />
            <FlowStatusBadge status={f.status} />
          </Group>
        }
        description={t('audFlows.versionInfo', { version: f.version, total: f.enrolments.total })}
        actions={
          <>
            {!active && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => setConfirmDelete(true)}
              >
                {t('audFlows.delete')}
              </Button>
            )}
            <Button variant="default" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(d)}>
              {dirty ? t('audFlows.save') : t('audFlows.savedShort')}
            </Button>
            {active ? (
              <Button
                color="yellow"
                leftSection={<IconPlayerPause size={16} />}
                loading={setStatus.isPending}
                onClick={() => setStatus.mutate('pause')}
              >
                {t('audFlows.pause')}
              </Button>
            ) : (
              <Button
                color="green"
                leftSection={<IconPlayerPlay size={16} />}
                loading={setStatus.isPending}
                onClick={() => setStatus.mutate('activate')}
              >
                {f.status === 'paused' ? t('audFlows.resume') : t('audFlows.activate')}
              </Button>
            )}
          </>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="editor">{t('audFlows.tabs.editor')}</Tabs.Tab>
          <Tabs.Tab value="enrolments">
            {t('audFlows.tabs.enrolments')} ({f.enrolments.total})
          </Tabs.Tab>
          <Tabs.Tab value="stats">{t('audFlows.tabs.stats')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="editor">
          {issues.length > 0 && (
            <Alert
              color={f.status === 'draft' ? 'orange' : 'red'}
              icon={<IconAlertTriangle size={18} />}
              mb="md"
              title={t('audFlows.issuesTitle')}
            >
              <Stack gap={2}>
                {issues.slice(0, 8).map((i) => (
                  <Text
                    key={`${i.field}:${i.message}`}
                    size="sm"
                    component={i.stepId ? 'button' : 'span'}
                    onClick={() => i.stepId && setSelected(i.stepId)}
                    style={{
                      background: 'none',
                      border: 0,
                      padding: 0,
                      textAlign: 'start',
                      cursor: i.stepId ? 'pointer' : 'default',
                    }}
                  >
                    {i.message}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          {active && dirty && (
            <Alert color="blue" mb="md">
              {t('audFlows.activeEditHint')}
            </Alert>
          )}
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Paper withBorder p="lg" bg="gray.0">
                <ScrollArea.Autosize mah="75vh" type="auto">
                  <FlowCanvas
                    graph={d.graph}
                    triggerSummary={describeTrigger(t, d.trigger, choices)}
                    selected={selected}
                    issues={issues}
                    stats={stats.data?.steps}
                    onSelect={setSelected}
                    describe={(n) => describeStep(t, n, choices, d.graph.nodes)}
                    onInsert={(at, type) => {
                      const n = defaultNode(d.graph, type, at);
                      edit({ graph: insertStep(d.graph, at, n) });
                      setSelected(n.id);
                    }}
                  />
                </ScrollArea.Autosize>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Paper withBorder p="lg" style={{ position: 'sticky', insetBlockStart: 16 }}>
                {selected === '$trigger' || !node ? (
                  <TriggerPanel
                    flow={f}
                    trigger={d.trigger}
                    reentry={d.reentry}
                    reentryDays={d.reentryDays}
                    choices={choices}
                    onChange={(p) => edit(p)}
                  />
                ) : (
                  <StepPanel
                    key={node.id}
                    node={node}
                    graph={d.graph}
                    choices={choices}
                    issues={issues.filter((i) => i.stepId === node.id).map((i) => i.message)}
                    readOnly={false}
                    onChange={(n) => edit({ graph: replaceNode(d.graph, n) })}
                    onRemove={() => setConfirmRemove(node.id)}
                  />
                )}
              </Paper>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="enrolments">
          <EnrolmentsTab flow={f} stepName={stepName} />
        </Tabs.Panel>
        <Tabs.Panel value="stats">
          {stats.isPending ? (
            <PageLoader />
          ) : stats.isError ? (
            <QueryError error={stats.error} onRetry={() => stats.refetch()} />
          ) : (
            <StatsTab stats={stats.data} stepName={stepName} />
          )}
        </Tabs.Panel>
      </Tabs>

      <Modal opened={Boolean(confirmRemove)} onClose={() => setConfirmRemove(null)} title={t('audFlows.removeStep')}>
        <Text size="sm">
          {confirmRemove && removalSize(d.graph, confirmRemove) > 1
            ? t('audFlows.removeBranchConfirm', { count: removalSize(d.graph, confirmRemove) })
            : t('audFlows.removeStepConfirm')}
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmRemove(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (confirmRemove) edit({ graph: removeStep(d.graph, confirmRemove) });
              setConfirmRemove(null);
              setSelected('$trigger');
            }}
          >
            {t('audFlows.removeStep')}
          </Button>
        </Group>
      </Modal>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('audFlows.delete')}>
        <Text size="sm">{t('audFlows.deleteConfirm', { name: f.name, count: f.enrolments.total })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('audFlows.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
