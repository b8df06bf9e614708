import {
  Alert,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilter, IconMail, IconSettings, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import type { AudienceList } from '../lists/api.ts';
import { useSendingAccounts, useTemplates } from '../templates/queries.ts';
import { TemplateEditor } from '../templates/template-editor.tsx';
import { type Campaign, campaignKeys } from './types.ts';

/** What the editor changes; the page saves it with PATCH /campaigns/{id}. */
export type CampaignDraft = Pick<
  Campaign,
  | 'name'
  | 'subject'
  | 'preheader'
  | 'mjml'
  | 'accountId'
  | 'listIds'
  | 'segmentId'
  | 'excludeListIds'
  | 'excludeSegmentId'
  | 'trackOpens'
  | 'trackClicks'
  | 'archive'
  | 'topicTags'
  | 'templateId'
>;

export const draftOf = (c: Campaign): CampaignDraft => ({
  name: c.name,
  subject: c.subject,
  preheader: c.preheader,
  mjml: c.mjml,
  accountId: c.accountId,
  listIds: c.listIds,
  segmentId: c.segmentId,
  excludeListIds: c.excludeListIds,
  excludeSegmentId: c.excludeSegmentId,
  trackOpens: c.trackOpens,
  trackClicks: c.trackClicks,
  archive: c.archive,
  topicTags: c.topicTags,
  templateId: c.templateId,
});

type Segment = { id: string; name: string };

export function useAudienceChoices() {
  const lists = useQuery({
    queryKey: ['audience-lists', 'picker'],
    queryFn: () => api.get<Page<AudienceList>>('/lists', { limit: 500 }),
    select: (r) => r.data,
  });
  const segments = useQuery({
    queryKey: ['segments', 'picker'],
    queryFn: () => api.get<Page<Segment>>('/segments', { limit: 500 }),
    select: (r) => r.data,
  });
  return { lists, segments };
}

/** How many people the audience reaches now: the server runs the send's own rules. */
export function useEstimate(d: Pick<CampaignDraft, 'listIds' | 'segmentId' | 'excludeListIds' | 'excludeSegmentId'>) {
  const body = {
    listIds: d.listIds,
    segmentId: d.segmentId,
    excludeListIds: d.excludeListIds,
    excludeSegmentId: d.excludeSegmentId,
  };
  const [debounced] = useDebouncedValue(body, 400);
  return useQuery({
    queryKey: campaignKeys.estimate(JSON.stringify(debounced)),
    queryFn: () => api.post<{ recipients: number }>('/campaigns/estimate', debounced),
    placeholderData: keepPreviousData,
    enabled: debounced.listIds.length > 0 || Boolean(debounced.segmentId),
  });
}

export function CampaignEditor({
  value,
  onChange,
  errors,
  readOnly,
}: {
  value: CampaignDraft;
  onChange: (v: CampaignDraft) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const set = (patch: Partial<CampaignDraft>) => onChange({ ...value, ...patch });
  const { lists, segments } = useAudienceChoices();
  const senders = useSendingAccounts();
  const templates = useTemplates();
  const estimate = useEstimate(value);
  const hasAudience = value.listIds.length > 0 || Boolean(value.segmentId);
  const listData = (lists.data ?? []).map((l) => ({
    value: l.id,
    label: `${l.name} (${f.number(l.counts?.subscribed ?? 0)})`,
  }));
  const segmentData = (segments.data ?? []).map((s) => ({ value: s.id, label: s.name }));

  return (
    <Tabs defaultValue="setup" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="setup" leftSection={<IconUsers size={16} />}>
          {t('audCampaigns.editor.tabs.setup')}
        </Tabs.Tab>
        <Tabs.Tab value="content" leftSection={<IconMail size={16} />}>
          {t('audCampaigns.editor.tabs.content')}
        </Tabs.Tab>
        <Tabs.Tab value="options" leftSection={<IconSettings size={16} />}>
          {t('audCampaigns.editor.tabs.options')}
        </Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="setup">
        <Stack gap="md" maw={860}>
          <TextInput
            label={t('audCampaigns.editor.name')}
            description={t('audCampaigns.editor.nameHint')}
            value={value.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            readOnly={readOnly}
            required
          />
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <MultiSelect
                label={t('audCampaigns.editor.lists')}
                description={t('audCampaigns.editor.listsHint')}
                data={listData}
                value={value.listIds}
                onChange={(v) => set({ listIds: v })}
                error={errors.listIds}
                searchable
                clearable
                readOnly={readOnly}
                rightSection={lists.isPending ? <Loader size="xs" /> : undefined}
              />
              <Select
                label={t('audCampaigns.editor.segment')}
                description={t('audCampaigns.editor.segmentHint')}
                data={segmentData}
                value={value.segmentId}
                onChange={(v) => set({ segmentId: v })}
                error={errors.segmentId}
                searchable
                clearable
                readOnly={readOnly}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect
                  label={t('audCampaigns.editor.excludeLists')}
                  leftSection={<IconFilter size={14} />}
                  data={listData}
                  value={value.excludeListIds}
                  onChange={(v) => set({ excludeListIds: v })}
                  error={errors.excludeListIds}
                  searchable
                  clearable
                  readOnly={readOnly}
                />
                <Select
                  label={t('audCampaigns.editor.excludeSegment')}
                  leftSection={<IconFilter size={14} />}
                  data={segmentData}
                  value={value.excludeSegmentId}
                  onChange={(v) => set({ excludeSegmentId: v })}
                  error={errors.excludeSegmentId}
                  searchable
                  clearable
                  readOnly={readOnly}
                />
              </SimpleGrid>
              <Alert
                variant="light"
                color={hasAudience ? 'freehold' : 'gray'}
                icon={estimate.isFetching ? <Loader size="xs" /> : <IconUsers size={18} />}
                aria-live="polite"
              >
                <Text size="sm" fw={600}>
                  {hasAudience && estimate.data
                    ? t('audCampaigns.editor.estimate', { count: estimate.data.recipients })
                    : hasAudience
                      ? '…'
                      : t('audCampaigns.editor.estimateNone')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('audCampaigns.editor.estimateHint')}
                </Text>
              </Alert>
            </Stack>
          </Paper>
          <Select
            label={t('audCampaigns.editor.sender')}
            data={(senders.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.name} — ${a.fromName ? `${a.fromName} <${a.fromEmail}>` : a.fromEmail}${
                a.maxPerMinute ? ` (${t('audCampaigns.editor.throttled', { count: a.maxPerMinute })})` : ''
              }`,
            }))}
            value={value.accountId}
            onChange={(v) => set({ accountId: v })}
            placeholder={t('audCampaigns.editor.defaultSender')}
            description={senders.data && senders.data.length === 0 ? t('audCampaigns.editor.noSenders') : undefined}
            error={errors.accountId}
            clearable
            readOnly={readOnly}
          />
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="content">
        <Stack gap="md">
          {!readOnly && (templates.data?.data.length ?? 0) > 0 && (
            <Group>
              <Select
                label={t('audCampaigns.editor.startFrom')}
                placeholder={t('audCampaigns.editor.startFromPlaceholder')}
                data={(templates.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                value={value.templateId}
                onChange={(id) => {
                  const tpl = templates.data?.data.find((x) => x.id === id);
                  if (tpl) set({ templateId: tpl.id, subject: tpl.subject, preheader: tpl.preheader, mjml: tpl.mjml });
                }}
                searchable
                w={360}
              />
            </Group>
          )}
          <TemplateEditor
            value={{ subject: value.subject, preheader: value.preheader, mjml: value.mjml }}
            onChange={(v) => set({ subject: v.subject, preheader: v.preheader, mjml: v.mjml })}
            errors={{
              ...(errors.subject ? { subject: errors.subject } : {}),
              ...(errors.preheader ? { preheader: errors.preheader } : {}),
              ...(errors.mjml ? { mjml: errors.mjml } : {}),
            }}
            readOnly={readOnly}
          />
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="options">
        <Stack gap="md" maw={620}>
          <Switch
            label={t('audCampaigns.editor.trackOpens')}
            checked={value.trackOpens}
            onChange={(e) => set({ trackOpens: e.currentTarget.checked })}
            disabled={readOnly}
          />
          <Switch
            label={t('audCampaigns.editor.trackClicks')}
            checked={value.trackClicks}
            onChange={(e) => set({ trackClicks: e.currentTarget.checked })}
            disabled={readOnly}
          />
          <Switch
            label={t('audCampaigns.editor.archive')}
            checked={value.archive}
            onChange={(e) => set({ archive: e.currentTarget.checked })}
          />
          <TagsInput
            label={t('audCampaigns.editor.topicTags')}
            description={t('audCampaigns.editor.topicTagsHint')}
            value={value.topicTags}
            onChange={(v) => set({ topicTags: v })}
            maxTags={20}
            clearable
          />
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
