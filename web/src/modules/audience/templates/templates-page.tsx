import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCopy, IconDots, IconMail, IconPlus, IconServer, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { EmailFrame } from './email-frame.tsx';
import { templateKeys, useStarters, useTemplates, useThumbnail } from './queries.ts';
import type { EmailTemplate, TemplateStarter } from './types.ts';

const THUMB_SCALE = 0.42;
const THUMB_HEIGHT = 520;

function TemplateCard({ template, onDelete }: { template: EmailTemplate; onDelete: (t: EmailTemplate) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const thumb = useThumbnail(template);
  const duplicate = useMutation({
    mutationFn: () => api.post<EmailTemplate>(`/templates/${template.id}/duplicate`),
    onSuccess: (copy) => {
      void qc.invalidateQueries({ queryKey: templateKeys.list });
      navigate(`/audience/templates/${copy.id}`);
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Card withBorder radius="md" padding={0}>
      <Card.Section
        component={Link}
        to={`/audience/templates/${template.id}`}
        aria-label={t('audTemplates.list.open', { name: template.name })}
        bg="var(--mantine-color-gray-1)"
        style={{ display: 'block' }}
      >
        {thumb.data ? (
          <EmailFrame html={thumb.data} title={template.name} scale={THUMB_SCALE} height={THUMB_HEIGHT} />
        ) : thumb.isError ? (
          <Text size="xs" c="dimmed" p="md" h={THUMB_HEIGHT * THUMB_SCALE}>
            {t('audTemplates.list.noThumbnail')}
          </Text>
        ) : (
          <Skeleton h={THUMB_HEIGHT * THUMB_SCALE} radius={0} />
        )}
      </Card.Section>
      <Group justify="space-between" wrap="nowrap" p="sm" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minInlineSize: 0 }}>
          <Text fw={600} truncate="end" component={Link} to={`/audience/templates/${template.id}`}>
            {template.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {template.subject || t('audTemplates.editor.noSubject')}
          </Text>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {t('audTemplates.list.changed', { date: f.date(template.updatedAt) })}
            </Text>
            {!template.marketingReady && (
              <Tooltip label={t('audTemplates.list.notMarketingReadyHint')}>
                <Badge size="xs" color="yellow" variant="light">
                  {t('audTemplates.list.notMarketingReady')}
                </Badge>
              </Tooltip>
            )}
          </Group>
        </Stack>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('common.more')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => duplicate.mutate()}>
              {t('audTemplates.list.duplicate')}
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onDelete(template)}>
              {t('common.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Card>
  );
}

function StarterCard({
  starter,
  onUse,
  loading,
}: {
  starter: TemplateStarter;
  onUse: (s: TemplateStarter) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding={0}>
      <Card.Section bg="var(--mantine-color-gray-1)">
        <EmailFrame html={starter.html} title={starter.name} scale={THUMB_SCALE} height={THUMB_HEIGHT} />
      </Card.Section>
      <Stack gap={6} p="sm">
        <Text fw={600}>{starter.name}</Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {starter.description}
        </Text>
        <Button size="xs" variant="light" onClick={() => onUse(starter)} loading={loading}>
          {t('audTemplates.list.useStarter')}
        </Button>
      </Stack>
    </Card>
  );
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const templates = useTemplates();
  const starters = useStarters();
  const [deleting, setDeleting] = useState<EmailTemplate | null>(null);
  const [startOpen, startModal] = useDisclosure(false);

  const create = useMutation({
    mutationFn: (fromStarter: string) => api.post<EmailTemplate>('/templates', { fromStarter }),
    onSuccess: (tpl) => {
      void qc.invalidateQueries({ queryKey: templateKeys.list });
      navigate(`/audience/templates/${tpl.id}`);
    },
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/templates/${id}`),
    onSuccess: () => {
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: templateKeys.list });
    },
    onError: (e) => notifyError(e),
  });

  const list = templates.data?.data ?? [];
  const starterGrid = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      {(starters.data ?? []).map((s) => (
        <StarterCard
          key={s.key}
          starter={s}
          onUse={(x) => create.mutate(x.key)}
          loading={create.isPending && create.variables === s.key}
        />
      ))}
    </SimpleGrid>
  );

  return (
    <>
      <PageHeader
        title={t('audTemplates.title')}
        description={t('audTemplates.list.subtitle')}
        actions={
          <>
            <Button component={Link} to="/audience/senders" variant="default" leftSection={<IconServer size={16} />}>
              {t('audTemplates.senders.title')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={startModal.open}>
              {t('audTemplates.list.new')}
            </Button>
          </>
        }
      />
      {templates.isPending ? (
        <PageLoader />
      ) : templates.isError ? (
        <QueryError error={templates.error} onRetry={() => templates.refetch()} />
      ) : list.length === 0 ? (
        <Stack gap="xl">
          <EmptyState
            icon={<IconMail size={28} />}
            title={t('audTemplates.list.emptyTitle')}
            description={t('audTemplates.list.emptyDescription')}
          />
          <Title order={4}>{t('audTemplates.list.starters')}</Title>
          {starters.isPending ? <PageLoader /> : starterGrid}
        </Stack>
      ) : (
        <Stack gap="xl">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="md">
            {list.map((tpl) => (
              <TemplateCard key={tpl.id} template={tpl} onDelete={setDeleting} />
            ))}
          </SimpleGrid>
        </Stack>
      )}

      <Modal opened={startOpen} onClose={startModal.close} title={t('audTemplates.list.startFrom')} size="xl">
        <Text size="sm" c="dimmed" mb="md">
          {t('audTemplates.list.startFromHint')}
        </Text>
        {starters.isPending ? <PageLoader /> : starterGrid}
      </Modal>

      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={t('audTemplates.list.deleteTitle')}>
        <Text size="sm">{t('audTemplates.list.deleteText', { name: deleting?.name ?? '' })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
