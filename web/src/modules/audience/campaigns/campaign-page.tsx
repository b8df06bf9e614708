import { Alert, Button, Group, Menu, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconChartBar,
  IconCopy,
  IconDots,
  IconMail,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconSend,
  IconTestPipe,
  IconTrash,
  IconWorld,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { formPath, notifyError, notifySuccess, problemOf } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import { type CampaignDraft, CampaignEditor, draftOf, useEstimate } from './campaign-editor.tsx';
import { CampaignReportView } from './campaign-report.tsx';
import { CampaignStatusBadge } from './campaign-status.tsx';
import { CampaignTestModal } from './campaign-test-modal.tsx';
import { ScheduleModal } from './schedule-modal.tsx';
import { type Campaign, campaignKeys, isLive } from './types.ts';

export function CampaignPage() {
  const { id = '' } = useParams();
  const campaign = useQuery({
    queryKey: campaignKeys.one(id),
    queryFn: () => api.get<Campaign>(`/campaigns/${id}`),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? 3000 : false),
  });
  if (campaign.isPending) return <PageLoader />;
  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />;
  return <CampaignView key={campaign.data.id} campaign={campaign.data} />;
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const workspace = useWorkspace();
  const f = useFormat();
  const [draft, setDraft] = useState<CampaignDraft>(() => draftOf(campaign));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [scheduling, scheduleModal] = useDisclosure(false);
  const [testing, testModal] = useDisclosure(false);
  const [confirm, setConfirm] = useState<null | 'cancel' | 'delete'>(null);
  const isDraft = campaign.status === 'draft';
  const started = !['draft', 'scheduled'].includes(campaign.status);
  const [tab, setTab] = useState<string | null>(started ? 'report' : 'edit');
  const estimate = useEstimate(draft);

  // The server's copy moves on (progress, status); local edits of a draft stay until saved.
  useEffect(() => {
    if (!isDraft) setDraft(draftOf(campaign));
  }, [campaign, isDraft]);
  useEffect(() => {
    if (started) setTab((x) => (x === 'edit' ? 'report' : x));
  }, [started]);

  const saved = draftOf(campaign);
  const dirty = JSON.stringify(saved) !== JSON.stringify(draft);
  const labelsOnly = (['archive', 'topicTags'] as const).some(
    (k) => JSON.stringify(saved[k]) !== JSON.stringify(draft[k]),
  );

  const invalidate = (c: Campaign) => {
    qc.setQueryData(campaignKeys.one(c.id), c);
    void qc.invalidateQueries({ queryKey: campaignKeys.all });
  };
  const save = useMutation({
    mutationFn: () =>
      api.patch<Campaign>(
        `/campaigns/${campaign.id}`,
        isDraft ? draft : { archive: draft.archive, topicTags: draft.topicTags },
      ),
    onSuccess: (c) => {
      setErrors({});
      invalidate(c);
      if (isDraft) setDraft(draftOf(c));
      notifySuccess(t('audCampaigns.editor.saved'));
    },
    onError: (e) => {
      const p = problemOf(e);
      const fields: Record<string, string> = {};
      for (const x of p.errors ?? []) fields[formPath(x.field).split('.')[0] ?? ''] = x.message;
      setErrors(fields);
      notifyError(e);
    },
  });
  const saveIfDirty = async () => {
    if (dirty) await save.mutateAsync();
  };
  const act = useMutation({
    mutationFn: (verb: 'pause' | 'resume' | 'cancel' | 'unschedule') =>
      api.post<Campaign>(`/campaigns/${campaign.id}/${verb}`),
    onSuccess: (c, verb) => {
      invalidate(c);
      void qc.invalidateQueries({ queryKey: campaignKeys.report(c.id) });
      const done = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const;
      if (verb !== 'unschedule') notifySuccess(t(`audCampaigns.actions.${done[verb]}`));
    },
    onError: (e) => notifyError(e),
  });
  const duplicate = useMutation({
    mutationFn: () => api.post<Campaign>(`/campaigns/${campaign.id}/duplicate`),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: campaignKeys.all });
      navigate(`/audience/campaigns/${c.id}`);
    },
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/campaigns/${campaign.id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: campaignKeys.all });
      navigate('/audience/campaigns');
    },
    onError: (e) => notifyError(e),
  });
  useHotkeys([['mod+s', () => (dirty ? save.mutate() : undefined)]], []);

  const subject = campaign.subject || t('audCampaigns.header.noSubject');
  const summary =
    campaign.startedAt && started
      ? campaign.status === 'sent'
        ? t('audCampaigns.header.sent', { subject, date: f.dateTime(campaign.finishedAt ?? campaign.startedAt) })
        : t('audCampaigns.header.started', { subject, date: f.dateTime(campaign.startedAt) })
      : campaign.status === 'scheduled' && campaign.scheduledAt
        ? t('audCampaigns.header.scheduled', { subject, date: f.dateTime(campaign.scheduledAt) })
        : t('audCampaigns.header.draft', { subject });
  const archiveUrl = workspace ? `/p/archive/${workspace.publicKey}/${campaign.id}` : null;

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audCampaigns.title'), to: '/audience/campaigns' }]}
        description={summary}
        title={
          <Group gap="sm">
            <Text component="h2" fz="h2" fw={700} m={0} lineClamp={1}>
              {campaign.name}
            </Text>
            <CampaignStatusBadge status={campaign.status} />
          </Group>
        }
        actions={
          <>
            {(isDraft || labelsOnly) && (
              <Button
                variant={dirty ? 'filled' : 'default'}
                disabled={!dirty}
                loading={save.isPending}
                onClick={() => save.mutate()}
              >
                {t('audCampaigns.editor.save')}
              </Button>
            )}
            {isDraft && (
              <>
                <Button variant="default" leftSection={<IconTestPipe size={16} />} onClick={testModal.open}>
                  {t('audCampaigns.editor.test')}
                </Button>
                <Button leftSection={<IconSend size={16} />} onClick={scheduleModal.open}>
                  {t('audCampaigns.editor.schedule')}
                </Button>
              </>
            )}
            {campaign.status === 'scheduled' && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} />}
                loading={act.isPending}
                onClick={() => act.mutate('unschedule')}
              >
                {t('audCampaigns.editor.unschedule')}
              </Button>
            )}
            {campaign.status === 'sending' && (
              <Button
                variant="default"
                leftSection={<IconPlayerPause size={16} />}
                loading={act.isPending}
                onClick={() => act.mutate('pause')}
              >
                {t('audCampaigns.actions.pause')}
              </Button>
            )}
            {(campaign.status === 'paused' || (campaign.status === 'failed' && campaign.startedAt)) && (
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={act.isPending}
                onClick={() => act.mutate('resume')}
              >
                {t('audCampaigns.actions.resume')}
              </Button>
            )}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" px="xs" aria-label={t('audCampaigns.editor.more')}>
                  <IconDots size={16} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => duplicate.mutate()}>
                  {t('audCampaigns.editor.duplicate')}
                </Menu.Item>
                {campaign.status === 'sent' && campaign.archive && archiveUrl && (
                  <Menu.Item leftSection={<IconWorld size={16} />} component="a" href={archiveUrl} target="_blank">
                    {t('audCampaigns.editor.archiveLink')}
                  </Menu.Item>
                )}
                {['scheduled', 'sending', 'paused', 'failed'].includes(campaign.status) && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconPlayerStop size={16} />}
                    onClick={() => setConfirm('cancel')}
                  >
                    {t('audCampaigns.actions.cancel')}
                  </Menu.Item>
                )}
                {isDraft && (
                  <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm('delete')}>
                    {t('audCampaigns.editor.delete')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        {started && (
          <Tabs.List mb="md">
            <Tabs.Tab value="report" leftSection={<IconChartBar size={16} />}>
              {campaign.status === 'sent' || campaign.status === 'cancelled'
                ? t('audCampaigns.report.tab')
                : t('audCampaigns.report.progress')}
            </Tabs.Tab>
            <Tabs.Tab value="edit" leftSection={<IconMail size={16} />}>
              {t('audCampaigns.editor.tabs.content')}
            </Tabs.Tab>
          </Tabs.List>
        )}
        <Tabs.Panel value="report">
          <CampaignReportView campaign={campaign} />
        </Tabs.Panel>
        <Tabs.Panel value="edit">
          <Stack gap="md">
            {!isDraft && (
              <Alert variant="light" color="gray">
                {t('audCampaigns.editor.readOnly', { status: t(`audCampaigns.status.${campaign.status}`) })}
              </Alert>
            )}
            {isDraft && dirty && (
              <Text size="xs" c="dimmed" role="status">
                {t('audCampaigns.editor.unsaved')}
              </Text>
            )}
            <CampaignEditor value={draft} onChange={setDraft} errors={errors} readOnly={!isDraft} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ScheduleModal
        campaign={campaign}
        opened={scheduling}
        onClose={scheduleModal.close}
        estimate={estimate.data?.recipients ?? null}
        beforeSchedule={saveIfDirty}
      />
      <CampaignTestModal campaignId={campaign.id} opened={testing} onClose={testModal.close} beforeSend={saveIfDirty} />
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'delete' ? t('audCampaigns.editor.delete') : t('audCampaigns.actions.cancel')}
      >
        <Text size="sm">
          {confirm === 'delete' ? t('audCampaigns.editor.deleteConfirm') : t('audCampaigns.actions.cancelConfirm')}
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirm(null)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={act.isPending || remove.isPending}
            onClick={() => {
              if (confirm === 'delete') remove.mutate();
              else act.mutate('cancel');
              setConfirm(null);
            }}
          >
            {confirm === 'delete' ? t('common.delete') : t('audCampaigns.actions.cancel')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
