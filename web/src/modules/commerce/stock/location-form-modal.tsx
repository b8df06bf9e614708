import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { LOCATION_KINDS, type LocationKind, type StockLocation, stockKeys } from './api.ts';

/** Create a warehouse, shop or dropship supplier, or edit one (`location` given; its kind stays). */
export function LocationFormModal({
  opened,
  onClose,
  location,
}: {
  opened: boolean;
  onClose: () => void;
  location: StockLocation | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      name: '',
      kind: 'warehouse' as LocationKind,
      code: '',
      supplierEmail: '',
      tracksLevels: true,
      priority: 0 as number | '',
      active: true,
      city: '',
      country: '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      supplierEmail: (v, all) => (all.kind === 'dropship' && !v.trim() ? t('validation.required') : null),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another location
  useEffect(() => {
    if (!opened) return;
    form.setValues({
      name: location?.name ?? '',
      kind: location?.kind ?? 'warehouse',
      code: location?.code ?? '',
      supplierEmail: location?.supplierEmail ?? '',
      tracksLevels: location?.tracksLevels ?? true,
      priority: location?.priority ?? 0,
      active: location?.active ?? true,
      city: location?.address.city ?? '',
      country: location?.address.country ?? '',
    });
    form.clearErrors();
  }, [opened, location?.id]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        name: v.name.trim(),
        code: v.code.trim() || null,
        supplierEmail: v.kind === 'dropship' ? v.supplierEmail.trim() : null,
        tracksLevels: v.kind === 'dropship' ? v.tracksLevels : true,
        priority: v.priority === '' ? 0 : v.priority,
        active: v.active,
        address: { city: v.city.trim() || null, country: v.country.trim() || null },
      };
      return location
        ? api.patch<StockLocation>(`/stock-locations/${location.id}`, body)
        : api.post<StockLocation>('/stock-locations', { ...body, kind: v.kind });
    },
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      onClose();
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    },
    onError: (err) => applyFormErrors(form, err, undefined, { address: 'city' }),
  });

  const dropship = form.values.kind === 'dropship';
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={location ? t('comCatalog.stock.locations.edit') : t('comCatalog.stock.locations.new')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <SegmentedControl
            aria-label={t('comCatalog.stock.locations.kind')}
            disabled={location !== null}
            data={LOCATION_KINDS.map((k) => ({ value: k, label: t(`comCatalog.stock.kind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('comCatalog.stock.locations.name')}
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
            <TextInput label={t('comCatalog.stock.locations.code')} maxLength={20} {...form.getInputProps('code')} />
          </SimpleGrid>
          {dropship && (
            <>
              <TextInput
                label={t('comCatalog.stock.locations.supplierEmail')}
                description={t('comCatalog.stock.locations.supplierEmailHint')}
                type="email"
                required
                {...form.getInputProps('supplierEmail')}
              />
              <Switch
                label={t('comCatalog.stock.locations.tracksLevels')}
                description={t('comCatalog.stock.locations.tracksLevelsHint')}
                {...form.getInputProps('tracksLevels', { type: 'checkbox' })}
              />
            </>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('comCatalog.stock.locations.city')} {...form.getInputProps('city')} />
            <TextInput
              label={t('comCatalog.stock.locations.country')}
              maxLength={2}
              {...form.getInputProps('country')}
            />
            <NumberInput
              label={t('comCatalog.stock.locations.priority')}
              description={t('comCatalog.stock.locations.priorityHint')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('priority')}
            />
          </SimpleGrid>
          <Switch
            label={t('comCatalog.stock.locations.active')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
