import {
  Alert,
  Anchor,
  Avatar,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowsJoin,
  IconChecklist,
  IconChevronDown,
  IconDownload,
  IconEraser,
  IconHistory,
  IconRoute,
  IconTargetArrow,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api, download } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { initials, useFormat } from '../../../lib/format.ts';
import { RelatedDeals } from '../deals/related-deals.tsx';
import { keys, useLifecycleStages } from '../queries.ts';
import { SourceLabel, stageColor } from '../shared/badges.tsx';
import { Composer } from '../shared/composer.tsx';
import { CustomFieldsCard } from '../shared/custom-fields-card.tsx';
import { TimelineList } from '../shared/timeline.tsx';
import { RelatedTasks } from '../tasks/related-tasks.tsx';
import type { Contact } from '../types.ts';
import { ConsentCard } from './consent-card.tsx';
import { ContactDetailsCard, type ContactPatch } from './contact-details-card.tsx';
import { EraseModal } from './erase-modal.tsx';
import { MergeModal } from './merge-modal.tsx';

function SourceCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Group gap={6} mb="xs">
        <IconRoute size={18} />
        <Title order={5}>{t('contactDetail.source')}</Title>
      </Group>
      <Stack gap={8}>
        <div>
          <Text size="xs" c="dimmed">
            {t('contactDetail.firstTouch')}
          </Text>
          <SourceLabel touch={contact.source.first} withDate />
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('contactDetail.latestTouch')}
          </Text>
          <SourceLabel touch={contact.source.latest} withDate />
        </div>
      </Stack>
    </Card>
  );
}

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const stages = useLifecycleStages();
  const [merging, mergeModal] = useDisclosure(false);
  const [erasing, eraseModal] = useDisclosure(false);
  const contact = useQuery({
    queryKey: keys.contact(id),
    queryFn: () => api.get<Contact>(`/contacts/${id}`),
  });
  const patch = useMutation({
    mutationFn: (body: ContactPatch) => api.patch<Contact>(`/contacts/${id}`, body),
    meta: { silentError: true },
    onSuccess: async (c) => {
      qc.setQueryData(keys.contact(id), c);
      await qc.invalidateQueries({ queryKey: [...keys.contacts, 'list'] });
      await qc.invalidateQueries({ queryKey: keys.timeline('contacts', id) });
    },
  });
  const save = (body: ContactPatch) => patch.mutateAsync(body);

  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  const c = contact.data;

  const exportData = async () => {
    try {
      await download(`/contacts/${id}/export`, undefined, `contact-${id}.json`);
    } catch (err) {
      notifyError(err, t('contactDetail.exportFailed'));
    }
  };

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('contacts.title'), to: '/contacts' }]}
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="xl" color="freehold" variant="filled">
              {initials(c.name)}
            </Avatar>
            <div style={{ minInlineSize: 0 }}>
              <Title order={2} style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Title>
              <Text size="sm" c="dimmed">
                {[c.title, c.companyName].filter(Boolean).join(' · ') ||
                  t('contactDetail.addedOn', { date: f.date(c.createdAt) })}
              </Text>
            </div>
          </Group>
        }
        actions={
          <>
            <Select
              aria-label={t('contacts.fields.lifecycleStage')}
              data={(stages.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
              value={c.lifecycleStage}
              allowDeselect={false}
              w={180}
              styles={{
                input: {
                  borderColor: `var(--mantine-color-${stageColor(c.lifecycleStage, stages.data)}-4)`,
                  fontWeight: 600,
                },
              }}
              onChange={(v) =>
                v &&
                patch.mutate(
                  { lifecycleStage: v },
                  { onError: (err) => notifyError(err, t('contactDetail.stageFailed')) },
                )
              }
            />
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={16} />}>
                  {t('common.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconArrowsJoin size={16} />} onClick={mergeModal.open}>
                  {t('merge.menu')}
                </Menu.Item>
                <Menu.Label>{t('contactDetail.privacy')}</Menu.Label>
                <Menu.Item leftSection={<IconDownload size={16} />} onClick={exportData}>
                  {t('contactDetail.exportData')}
                </Menu.Item>
                <Menu.Item leftSection={<IconEraser size={16} />} color="red" onClick={eraseModal.open}>
                  {t('erase.menu')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      {c.mergedIntoId && (
        <Alert color="orange" mb="md" title={t('contactDetail.mergedTitle')}>
          <Anchor component={Link} to={`/contacts/${c.mergedIntoId}`}>
            {t('contactDetail.mergedLink')}
          </Anchor>
        </Alert>
      )}
      {c.erasedAt && (
        <Alert color="gray" mb="md" title={t('contactDetail.erasedTitle', { date: f.date(c.erasedAt) })}>
          {t('contactDetail.erasedText')}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack>
            <ContactDetailsCard key={c.updatedAt} contact={c} save={save} />
            <CustomFieldsCard entity="contact" values={c.custom} save={(custom) => save({ custom })} />
            <SourceCard contact={c} />
            <ConsentCard contactId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Tabs defaultValue="timeline" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="timeline" leftSection={<IconHistory size={16} />}>
                {t('timeline.title')}
              </Tabs.Tab>
              <Tabs.Tab value="tasks" leftSection={<IconChecklist size={16} />}>
                {t('tasks.title')}
              </Tabs.Tab>
              <Tabs.Tab value="deals" leftSection={<IconTargetArrow size={16} />}>
                {t('deals.title')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="timeline">
              <Composer subject="contacts" id={c.id} />
              <TimelineList subject="contacts" id={c.id} />
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <RelatedTasks links={{ contactId: c.id }} labels={{ contact: c.name }} />
            </Tabs.Panel>
            <Tabs.Panel value="deals">
              <RelatedDeals
                contactId={c.id}
                labels={{
                  contactLabel: c.name,
                  ...(c.companyName ? { companyLabel: c.companyName } : {}),
                }}
              />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
      <MergeModal contact={c} opened={merging} onClose={mergeModal.close} />
      <EraseModal contact={c} opened={erasing} onClose={eraseModal.close} />
    </>
  );
}
