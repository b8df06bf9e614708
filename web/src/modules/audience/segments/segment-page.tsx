import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconDeviceFloppy, IconFolderPlus, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess, problemOf } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { useCustomFields, useLifecycleStages, useMembers } from '../../crm/queries.ts';
import { LifecycleBadge } from '../../crm/shared/badges.tsx';
import { audienceKeys, useAudienceLists } from '../lists/api.ts';
import { ConditionEditor, type EditorRefs } from './condition-editor.tsx';
import {
  type Condition,
  CUSTOM_KIND,
  errorTarget,
  isGroup,
  newCondition,
  type RuleGroup,
  type RuleNode,
  updateAt,
} from './rules.ts';

export type Segment = {
  id: string;
  name: string;
  description: string | null;
  rules: RuleGroup;
  createdAt: string;
  updatedAt: string;
};
type SegmentContact = {
  id: string;
  name: string;
  email: string | null;
  companyName: string | null;
  lifecycleStage: string;
  tags: string[];
  createdAt: string;
};
type Preview = { count: number; sample: SegmentContact[]; tookMs: number };

const MAX_DEPTH = 6;
/** Errors by node path (`1.0`) and property (`value`). */
type ErrorMap = Record<string, Record<string, string>>;

function useEditorRefs(): EditorRefs {
  const custom = useCustomFields('contact');
  const stages = useLifecycleStages();
  const members = useMembers();
  const lists = useAudienceLists();
  const campaigns = useQuery({
    queryKey: ['campaigns', 'picker'],
    queryFn: () => api.get<Page<{ id: string; name: string }>>('/campaigns', { limit: 200 }),
    meta: { silentError: true },
    retry: false,
  });
  const webinars = useQuery({
    queryKey: ['webinars', 'picker'],
    queryFn: () => api.get<Page<{ id: string; title: string }>>('/webinars', { limit: 200 }),
    meta: { silentError: true },
    retry: false,
  });
  const eventTypes = useQuery({
    queryKey: ['events', 'types'],
    queryFn: () => api.get<{ data: { type: string }[] }>('/events/types'),
    meta: { silentError: true },
  });
  return useMemo(() => {
    const fields = custom.data ?? [];
    return {
      customFields: fields,
      customKinds: Object.fromEntries(fields.map((f) => [f.key, CUSTOM_KIND[f.type] ?? 'text'])),
      stages: (stages.data ?? []).map((s) => ({ value: s.key, label: s.label })),
      members: (members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
      lists: (lists.data ?? []).map((l) => ({ value: l.id, label: l.name })),
      campaigns: (campaigns.data?.data ?? []).map((c) => ({ value: c.id, label: c.name })),
      webinars: (webinars.data?.data ?? []).map((w) => ({ value: w.id, label: w.title })),
      eventTypes: [
        ...new Set(['webinar.attended', 'webinar.no_show', ...(eventTypes.data?.data ?? []).map((e) => e.type)]),
      ],
    };
  }, [custom.data, stages.data, members.data, lists.data, campaigns.data, webinars.data, eventTypes.data]);
}

function GroupEditor({
  group,
  path,
  depth,
  onChange,
  onRemove,
  refs,
  errors,
}: {
  group: RuleGroup;
  path: number[];
  depth: number;
  onChange: (path: number[], node: RuleNode | null) => void;
  onRemove?: () => void;
  refs: EditorRefs;
  errors: ErrorMap;
}) {
  const { t } = useTranslation();
  const key = path.join('.');
  const groupErrors = Object.values(errors[key] ?? {});
  const add = (node: RuleNode) => onChange(path, { ...group, rules: [...group.rules, node] });
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg={depth % 2 ? 'gray.0' : undefined}
      style={{ borderInlineStartWidth: 4, borderInlineStartColor: 'var(--mantine-color-freehold-4, #4dabf7)' }}
      role="group"
      aria-label={t('audLists.editor.groupLabel')}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('audLists.editor.groupLabel')}
            </Text>
            <SegmentedControl
              size="xs"
              value={group.op}
              onChange={(op) => onChange(path, { ...group, op: op as 'and' | 'or' })}
              data={[
                { value: 'and', label: t('audLists.editor.matchAll') },
                { value: 'or', label: t('audLists.editor.matchAny') },
              ]}
            />
          </Group>
          {onRemove && (
            <Tooltip label={t('audLists.editor.removeGroup')}>
              <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('audLists.editor.removeGroup')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {groupErrors.map((m) => (
          <Text key={m} size="xs" c="red">
            {m}
          </Text>
        ))}
        {group.rules.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('audLists.editor.emptyGroup')}
          </Text>
        )}
        {group.rules.map((node, i) => {
          const p = [...path, i];
          const k = p.join('.');
          if (isGroup(node))
            return (
              <GroupEditor
                key={k}
                group={node}
                path={p}
                depth={depth + 1}
                onChange={onChange}
                onRemove={() => onChange(p, null)}
                refs={refs}
                errors={errors}
              />
            );
          const nodeErrors = errors[k] ?? {};
          const loose = Object.entries(nodeErrors).filter(([prop]) => !prop || prop === 'rules');
          return (
            <Stack key={k} gap={2}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                {i > 0 && (
                  <Badge variant="light" color="gray" mt={8} w={44} style={{ flexShrink: 0 }}>
                    {group.op === 'and' ? t('audLists.editor.andShort') : t('audLists.editor.orShort')}
                  </Badge>
                )}
                {i === 0 && <span style={{ inlineSize: 44, flexShrink: 0 }} />}
                <ConditionEditor
                  condition={node}
                  onChange={(c: Condition) => onChange(p, c)}
                  refs={refs}
                  errors={nodeErrors}
                />
                <Tooltip label={t('audLists.editor.removeCondition')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    onClick={() => onChange(p, null)}
                    aria-label={t('audLists.editor.removeCondition')}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              {loose.map(([, m]) => (
                <Text key={m} size="xs" c="red" ps={52}>
                  {m}
                </Text>
              ))}
            </Stack>
          );
        })}
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => add(newCondition('field:email', refs.customKinds))}
          >
            {t('audLists.editor.addCondition')}
          </Button>
          {depth < MAX_DEPTH && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconFolderPlus size={14} />}
              onClick={() => add({ op: group.op === 'and' ? 'or' : 'and', rules: [] })}
            >
              {t('audLists.editor.addGroup')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function toErrorMap(err: unknown): ErrorMap {
  const out: ErrorMap = {};
  for (const e of problemOf(err).errors ?? []) {
    const target = errorTarget(e.field);
    if (!target) continue;
    out[target.node] ??= {};
    const slot = out[target.node]!;
    slot[target.prop] = slot[target.prop] ? `${slot[target.prop]}; ${e.message}` : e.message;
  }
  return out;
}

export function SegmentPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const refs = useEditorRefs();
  const stages = useLifecycleStages();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rules, setRules] = useState<RuleGroup>({ op: 'and', rules: [] });
  const [saveErrors, setSaveErrors] = useState<ErrorMap>({});
  const [nameError, setNameError] = useState<string | null>(null);

  const segment = useQuery({
    queryKey: audienceKeys.segment(id),
    queryFn: () => api.get<Segment>(`/segments/${id}`),
    enabled: !isNew,
  });
  useEffect(() => {
    if (segment.data) {
      setName(segment.data.name);
      setDescription(segment.data.description ?? '');
      setRules(segment.data.rules);
    }
  }, [segment.data]);

  // The live count: the rules as they stand, half a second after the last change.
  const [debounced] = useDebouncedValue(rules, 500);
  const rulesKey = JSON.stringify(debounced);
  const preview = useQuery({
    queryKey: ['segments', 'preview', rulesKey],
    queryFn: ({ signal }) => api.post<Preview>('/segments/preview', { rules: debounced }, { signal }),
    placeholderData: keepPreviousData,
    meta: { silentError: true },
    retry: false,
  });
  const previewErrors = preview.isError ? toErrorMap(preview.error) : {};
  const errors = Object.keys(saveErrors).length ? saveErrors : previewErrors;

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim() || null, rules };
      return isNew ? api.post<Segment>('/segments', body) : api.patch<Segment>(`/segments/${id}`, body);
    },
    meta: { silentError: true },
    onSuccess: async (s) => {
      setSaveErrors({});
      setNameError(null);
      notifySuccess(t('audLists.editor.saved'));
      await qc.invalidateQueries({ queryKey: audienceKeys.segments });
      if (isNew) navigate(`/audience/segments/${s.id}`, { replace: true });
    },
    onError: (err) => {
      const p = problemOf(err);
      const nameErr = p.errors?.find((e) => e.field.replace(/^body\./, '') === 'name');
      setNameError(nameErr?.message ?? null);
      const map = toErrorMap(err);
      setSaveErrors(map);
      if (!nameErr && !Object.keys(map).length) notifyError(err);
    },
  });
  const onSave = () => {
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    save.mutate();
  };
  useHotkeys([['mod+S', onSave]], []);

  const change = (path: number[], node: RuleNode | null) => {
    setSaveErrors({});
    setRules((r) => updateAt(r, path, node));
  };

  if (!isNew && segment.isPending) return <PageLoader />;
  if (!isNew && segment.isError) return <QueryError error={segment.error} onRetry={() => segment.refetch()} />;

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audLists.segments.title'), to: '/audience/segments' }]}
        title={isNew ? t('audLists.editor.newTitle') : name || t('audLists.segments.title')}
        actions={
          <Tooltip label={t('audLists.editor.shortcut')}>
            <Button leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} onClick={onSave}>
              {t('audLists.editor.save')}
            </Button>
          </Tooltip>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <Stack gap="md" style={{ gridColumn: 'span 2' }}>
          <Group grow align="flex-start">
            <TextInput
              label={t('audLists.editor.name')}
              placeholder={t('audLists.editor.namePlaceholder')}
              required
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
              data-autofocus
            />
            <Textarea
              label={t('audLists.editor.description')}
              autosize
              minRows={1}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
          </Group>
          <GroupEditor group={rules} path={[]} depth={1} onChange={change} refs={refs} errors={errors} />
        </Stack>
        <Stack gap="md">
          <Paper withBorder radius="md" p="md" aria-live="polite">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('audLists.editor.liveCount')}
              </Text>
              {preview.isFetching && <Loader size="xs" />}
            </Group>
            {preview.isError ? (
              <Alert color="orange" icon={<IconAlertTriangle size={16} />} mt="sm">
                {Object.keys(previewErrors).length ? t('audLists.editor.fixRules') : problemOf(preview.error).detail}
              </Alert>
            ) : (
              <>
                <Title order={2} mt={4}>
                  {preview.data ? f.number(preview.data.count) : '—'}
                </Title>
                <Text size="xs" c="dimmed">
                  {preview.data
                    ? t('audLists.editor.took', { ms: f.number(Math.round(preview.data.tookMs)) })
                    : t('audLists.editor.liveCountHint')}
                </Text>
              </>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Text size="sm" fw={500} mb="xs">
              {t('audLists.editor.sample')}
            </Text>
            {preview.data && preview.data.sample.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('audLists.editor.noMatches')}
              </Text>
            )}
            <Stack gap={6}>
              {preview.data?.sample.map((c) => (
                <Group key={c.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={0} style={{ minInlineSize: 0 }}>
                    <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" truncate>
                      {c.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" truncate dir="ltr">
                      {[c.email, c.companyName].filter(Boolean).join(' · ')}
                    </Text>
                  </Stack>
                  <LifecycleBadge stage={c.lifecycleStage} stages={stages.data} />
                </Group>
              ))}
            </Stack>
          </Paper>
        </Stack>
      </SimpleGrid>
    </>
  );
}
