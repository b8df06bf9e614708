import { Avatar, Button, Grid, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChecklist, IconHistory, IconTargetArrow, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { initials } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { ContactCreateModal } from '../contacts/contact-create-modal.tsx';
import { RelatedDeals } from '../deals/related-deals.tsx';
import { keys, useLifecycleStages } from '../queries.ts';
import { LifecycleBadge } from '../shared/badges.tsx';
import { Composer } from '../shared/composer.tsx';
import { CustomFieldsCard } from '../shared/custom-fields-card.tsx';
import { TimelineList } from '../shared/timeline.tsx';
import { RelatedTasks } from '../tasks/related-tasks.tsx';
import type { Company, Contact } from '../types.ts';
import { CompanyDetailsCard } from './company-details-card.tsx';

function CompanyContacts({ company }: { company: Company }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stages = useLifecycleStages();
  const [adding, addModal] = useDisclosure(false);
  const contacts = useQuery({
    queryKey: [...keys.contacts, 'list', { companyId: company.id }],
    queryFn: () => api.get<Page<Contact>>('/contacts', { companyId: company.id, sort: 'name', limit: 200 }),
    select: (r) => r.data,
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('contacts.shownAll', { count: contacts.data?.length ?? 0 })}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={addModal.open}>
          {t('contacts.new')}
        </Button>
      </Group>
      {contacts.isError && <QueryError error={contacts.error} />}
      {contacts.data && contacts.data.length > 0 && (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table highlightOnHover verticalSpacing="xs">
            <Table.Tbody>
              {contacts.data.map((c) => (
                <Table.Tr
                  key={c.id}
                  className="fh-clickable-row"
                  tabIndex={0}
                  onClick={() => navigate(`/contacts/${c.id}`)}
                  onKeyDown={(e) => e.key === 'Enter' && navigate(`/contacts/${c.id}`)}
                >
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar size={28} radius="xl" color="freehold">
                        {initials(c.name)}
                      </Avatar>
                      <div>
                        <Text size="sm" fw={600}>
                          {c.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {c.title ?? ''}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.emails[0] ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    <LifecycleBadge stage={c.lifecycleStage} stages={stages.data} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {contacts.data?.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('companies.noContacts')}
        </Text>
      )}
      <ContactCreateModal
        opened={adding}
        onClose={addModal.close}
        companyName={company.name}
        onCreated={() => addModal.close()}
      />
    </Stack>
  );
}

export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const company = useQuery({ queryKey: keys.company(id), queryFn: () => api.get<Company>(`/companies/${id}`) });
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Company>(`/companies/${id}`, body),
    meta: { silentError: true },
    onSuccess: async (c) => {
      qc.setQueryData(keys.company(id), c);
      await qc.invalidateQueries({ queryKey: [...keys.companies, 'list'] });
      await qc.invalidateQueries({ queryKey: keys.timeline('companies', id) });
    },
  });
  if (company.isPending) return <PageLoader />;
  if (company.isError) return <QueryError error={company.error} onRetry={() => company.refetch()} />;
  const c = company.data;
  return (
    <>
      <PageHeader
        crumbs={[{ label: t('companies.title'), to: '/companies' }]}
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="md" color="blue" variant="filled">
              {initials(c.name)}
            </Avatar>
            <div>
              <Title order={2}>{c.name}</Title>
              <Text size="sm" c="dimmed">
                {[c.industry, c.domain].filter(Boolean).join(' · ')}
              </Text>
            </div>
          </Group>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack>
            <CompanyDetailsCard key={c.updatedAt} company={c} save={(b) => patch.mutateAsync(b)} />
            <CustomFieldsCard entity="company" values={c.custom} save={(custom) => patch.mutateAsync({ custom })} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Tabs defaultValue="contacts" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="contacts" leftSection={<IconUsers size={16} />}>
                {t('contacts.title')}
              </Tabs.Tab>
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
            <Tabs.Panel value="contacts">
              <CompanyContacts company={c} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <Composer subject="companies" id={c.id} />
              <TimelineList subject="companies" id={c.id} />
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <RelatedTasks links={{ companyId: c.id }} labels={{ company: c.name }} />
            </Tabs.Panel>
            <Tabs.Panel value="deals">
              <RelatedDeals companyId={c.id} labels={{ companyLabel: c.name }} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
    </>
  );
}
