import { Button, Group, Modal, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors } from '../../../lib/errors.tsx';
import { type Carrier, countryOptions, shippingKeys } from './types.ts';

type Adapter = { name: string; label: string; docsUrl: string; needsSecret: boolean };

type Values = {
  name: string;
  kind: 'rate_card' | 'api';
  adapter: string;
  baseUrl: string;
  fromCountry: string;
  fromZip: string;
  secret: string;
};

/**
 * A new carrier: priced by its own rate cards (import one next), or by a carrier API through an adapter (Shippo:
 * the ship-from address and the API token).
 */
export function CarrierFormModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (c: Carrier) => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const adapters = useQuery({
    queryKey: [...shippingKeys.all, 'adapters'],
    queryFn: () => api.get<Adapter[]>('/shipping/adapters'),
    enabled: opened,
  });
  const form = useForm<Values>({
    initialValues: {
      name: '',
      kind: 'rate_card',
      adapter: 'shippo',
      baseUrl: '',
      fromCountry: '',
      fromZip: '',
      secret: '',
    },
    validate: { name: (v) => (v.trim() ? null : t('comShipping.carrierForm.nameRequired')) },
  });
  const create = useMutation({
    // This form shows the errors itself (beside the fields, or per row).
    meta: { silentError: true },
    mutationFn: (v: Values) =>
      api.post<Carrier>(
        '/carriers',
        v.kind === 'rate_card'
          ? { name: v.name, kind: 'rate_card' }
          : {
              name: v.name,
              kind: 'api',
              adapter: v.adapter,
              adapterConfig: {
                ...(v.baseUrl.trim() ? { baseUrl: v.baseUrl.trim() } : {}),
                addressFrom: { country: v.fromCountry, ...(v.fromZip.trim() ? { zip: v.fromZip.trim() } : {}) },
              },
              ...(v.secret ? { adapterSecret: v.secret } : {}),
            },
      ),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: shippingKeys.all });
      form.reset();
      onCreated(c);
      onClose();
    },
    // The API names `adapterConfig.addressFrom.country`; this form calls it fromCountry.
    onError: (err) =>
      applyFormErrors(form, err, undefined, {
        'adapterConfig.addressFrom.country': 'fromCountry',
        'adapterConfig.addressFrom.zip': 'fromZip',
        'adapterConfig.baseUrl': 'baseUrl',
        adapterSecret: 'secret',
      }),
  });
  const adapter = adapters.data?.find((a) => a.name === form.values.adapter);

  return (
    <Modal opened={opened} onClose={onClose} title={t('comShipping.carrierForm.title')}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <TextInput
            label={t('comShipping.carrierForm.name')}
            placeholder="DHL Paket"
            data-autofocus
            required
            {...form.getInputProps('name')}
          />
          <SegmentedControl
            fullWidth
            data={[
              { value: 'rate_card', label: t('comShipping.carrierForm.rateCard') },
              { value: 'api', label: t('comShipping.carrierForm.api') },
            ]}
            {...form.getInputProps('kind')}
          />
          <Text size="sm" c="dimmed">
            {form.values.kind === 'rate_card'
              ? t('comShipping.carrierForm.rateCardHint')
              : t('comShipping.carrierForm.apiHint')}
          </Text>
          {form.values.kind === 'api' && (
            <>
              <Select
                label={t('comShipping.carrierForm.adapter')}
                data={(adapters.data ?? []).map((a) => ({ value: a.name, label: a.label }))}
                allowDeselect={false}
                {...form.getInputProps('adapter')}
              />
              <Select
                label={t('comShipping.carrierForm.fromCountry')}
                data={countries}
                searchable
                required
                {...form.getInputProps('fromCountry')}
              />
              <TextInput label={t('comShipping.carrierForm.fromZip')} {...form.getInputProps('fromZip')} />
              {adapter?.needsSecret && (
                <PasswordInput
                  label={t('comShipping.carrierForm.secret')}
                  description={t('comShipping.carrierForm.secretHint')}
                  {...form.getInputProps('secret')}
                />
              )}
              <TextInput
                label={t('comShipping.carrierForm.baseUrl')}
                description={t('comShipping.carrierForm.baseUrlHint')}
                placeholder="https://api.goshippo.com"
                dir="ltr"
                {...form.getInputProps('baseUrl')}
              />
            </>
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
