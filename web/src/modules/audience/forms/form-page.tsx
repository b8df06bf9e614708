import { Badge, Button, Group, Menu, Modal, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconDots, IconShare, IconTool, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { FormBuilder } from './form-builder.tsx';
import { FormResults } from './form-results.tsx';
import { FormShare } from './form-share.tsx';
import { type Form, formKeys } from './types.ts';

const TABS = ['build', 'share', 'results'] as const;
type Tab = (typeof TABS)[number];

export function FormPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'build';
  const form = useQuery({ queryKey: formKeys.one(id), queryFn: () => api.get<Form>(`/forms/${id}`) });

  if (form.isPending) return <PageLoader />;
  if (form.isError) return <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  const f = form.data;
  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audForms.title'), to: '/audience/forms' }]}
        title={f.name}
        description={
          <Group gap="xs" renderRoot={(props) => <span {...props} />}>
            <Badge color={f.active ? 'green' : 'gray'} variant="light" size="sm">
              {f.active ? t('audForms.active') : t('audForms.closed')}
            </Badge>
            {f.doubleOptIn && (
              <Badge variant="light" size="sm">
                {t('audForms.doubleOptIn')}
              </Badge>
            )}
          </Group>
        }
        actions={<FormMenu form={f} />}
      />
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'build' }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="build" leftSection={<IconTool size={16} />}>
            {t('audForms.tabs.build')}
          </Tabs.Tab>
          <Tabs.Tab value="share" leftSection={<IconShare size={16} />}>
            {t('audForms.tabs.share')}
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconChartBar size={16} />}>
            {t('audForms.tabs.results')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="build">
          <FormBuilder form={f} />
        </Tabs.Panel>
        <Tabs.Panel value="share">
          <FormShare form={f} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          <FormResults form={f} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function FormMenu({ form }: { form: Form }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [confirming, confirm] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/forms/${form.id}`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: formKeys.all });
      notifications.show({ message: t('audForms.deleted') });
      navigate('/audience/forms');
    },
  });
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" px="xs" aria-label={t('common.more')}>
            <IconDots size={18} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={confirm.open}>
            {t('audForms.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={confirming} onClose={confirm.close} title={t('audForms.delete')}>
        <Text size="sm">{t('audForms.deleteConfirm', { name: form.name })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={confirm.close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
