import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPercentage, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { applyFormErrors } from '../../../lib/errors.tsx';
import { toMinor, useFormat } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import type { Page } from '../../../lib/types.ts';
import { type Carrier, countryOptions, type Rule, shippingKeys } from './types.ts';

type Values = {
  kind: 'margin' | 'free_shipping';
  name: string;
  scope: string;
  countries: string[];
  percent: number | string;
  fixed: number | string;
  minOrder: number | string;
};

const amount = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);

function RuleModal({ opened, onClose, carriers }: { opened: boolean; onClose: () => void; carriers: Carrier[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const currency = useWorkspace()?.defaultCurrency ?? 'EUR';
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  // "" = every carrier; "c:<id>" = one carrier; "s:<carrierId>:<serviceId>" = one service.
  const scopes = [
    { value: '', label: t('comShipping.rules.everyCarrier') },
    ...carriers.flatMap((c) => [
      { value: `c:${c.id}`, label: c.name },
      ...c.services.map((s) => ({ value: `s:${c.id}:${s.id}`, label: `${c.name} · ${s.name}` })),
    ]),
  ];
  const form = useForm<Values>({
    initialValues: { kind: 'margin', name: '', scope: '', countries: [], percent: 0, fixed: 0, minOrder: 50 },
  });
  const create = useMutation({
    // This form shows the errors itself (beside the fields, or per row).
    meta: { silentError: true },
    mutationFn: (v: Values) => {
      const [kind, carrierId, serviceId] = v.scope.split(':');
      const scope = {
        carrierId: kind ? carrierId : null,
        serviceId: kind === 's' ? serviceId : null,
        countries: v.countries,
        name: v.name,
      };
      return api.post<Rule>(
        '/shipping/rules',
        v.kind === 'margin'
          ? {
              kind: 'margin',
              ...scope,
              percent: amount(v.percent),
              fixedMinor: toMinor(amount(v.fixed), currency),
              currency,
            }
          : { kind: 'free_shipping', ...scope, minOrderMinor: toMinor(amount(v.minOrder), currency), currency },
      );
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: shippingKeys.rules });
      form.reset();
      onClose();
    },
    onError: (err) =>
      applyFormErrors(form, err, undefined, {
        fixedMinor: 'fixed',
        minOrderMinor: 'minOrder',
        carrierId: 'scope',
        serviceId: 'scope',
      }),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('comShipping.rules.new')}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <SegmentedControl
            fullWidth
            data={[
              { value: 'margin', label: t('comShipping.rules.margin') },
              { value: 'free_shipping', label: t('comShipping.rules.free') },
            ]}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('comShipping.rules.name')}
            placeholder={
              form.values.kind === 'margin' ? t('comShipping.rules.marginExample') : t('comShipping.rules.freeExample')
            }
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label={t('comShipping.rules.scope')}
            data={scopes}
            allowDeselect={false}
            {...form.getInputProps('scope')}
          />
          <MultiSelect
            label={t('comShipping.rules.countries')}
            description={t('comShipping.rules.countriesHint')}
            data={countries}
            searchable
            {...form.getInputProps('countries')}
          />
          {form.values.kind === 'margin' ? (
            <Group grow>
              <NumberInput
                label={t('comShipping.rules.percent')}
                min={0}
                max={1000}
                decimalScale={2}
                suffix=" %"
                {...form.getInputProps('percent')}
              />
              <NumberInput
                label={t('comShipping.rules.fixed', { currency })}
                min={0}
                decimalScale={2}
                {...form.getInputProps('fixed')}
              />
            </Group>
          ) : (
            <NumberInput
              label={t('comShipping.rules.minOrder', { currency })}
              min={0}
              decimalScale={2}
              {...form.getInputProps('minOrder')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Margin and free-shipping rules: what the shop adds to, or takes off, each carrier's price. */
export function RulesPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [creating, modal] = useDisclosure(false);
  const rules = useQuery({
    queryKey: shippingKeys.rules,
    queryFn: () => api.get<Page<Rule>>('/shipping/rules', { limit: 200 }),
  });
  const carriers = useQuery({
    queryKey: shippingKeys.carriers,
    queryFn: () => api.get<Page<Carrier>>('/carriers', { limit: 100 }),
  });
  const carrierList = carriers.data?.data ?? [];
  const scopeOf = (r: Rule) => {
    const c = carrierList.find((x) => x.id === r.carrierId);
    const s = c?.services.find((x) => x.id === r.serviceId);
    return s ? `${c?.name} · ${s.name}` : (c?.name ?? t('comShipping.rules.everyCarrier'));
  };
  const patch = useMutation({
    mutationFn: (r: { id: string; active: boolean }) => api.patch(`/shipping/rules/${r.id}`, { active: r.active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shippingKeys.rules }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/shipping/rules/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shippingKeys.rules }),
  });
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
      {t('comShipping.rules.new')}
    </Button>
  );
  return (
    <>
      {rules.isPending ? (
        <PageLoader />
      ) : rules.isError ? (
        <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.data.length === 0 ? (
        <EmptyState
          icon={<IconPercentage size={28} />}
          title={t('comShipping.rules.emptyTitle')}
          description={t('comShipping.rules.emptyDescription')}
        >
          {add}
        </EmptyState>
      ) : (
        <Stack>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              {t('comShipping.rules.order')}
            </Text>
            {add}
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comShipping.rules.name')}</Table.Th>
                  <Table.Th>{t('comShipping.rules.what')}</Table.Th>
                  <Table.Th>{t('comShipping.rules.scope')}</Table.Th>
                  <Table.Th>{t('comShipping.rules.countries')}</Table.Th>
                  <Table.Th>{t('comShipping.carriers.active')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name || '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={r.kind === 'margin' ? 'blue' : 'teal'} me={6}>
                        {r.kind === 'margin' ? t('comShipping.rules.margin') : t('comShipping.rules.free')}
                      </Badge>
                      {r.kind === 'margin'
                        ? [
                            r.percent ? `+${r.percent} %` : null,
                            r.fixedMinor ? `+${f.money(r.fixedMinor, r.currency ?? 'EUR')}` : null,
                          ]
                            .filter(Boolean)
                            .join(' ')
                        : t('comShipping.rules.from', { amount: f.money(r.minOrderMinor ?? 0, r.currency ?? 'EUR') })}
                    </Table.Td>
                    <Table.Td>{scopeOf(r)}</Table.Td>
                    <Table.Td>
                      {r.countries.length ? r.countries.join(', ') : t('comShipping.rules.allCountries')}
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        size="xs"
                        checked={r.active}
                        aria-label={t('comShipping.carriers.active')}
                        onChange={(e) => patch.mutate({ id: r.id, active: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td ta="end">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() => remove.mutate(r.id)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      <RuleModal opened={creating} onClose={modal.close} carriers={carrierList} />
    </>
  );
}
