import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { type PurchaseRequest, type StockLevel, stockKeys, useLocations } from './api.ts';
import { VariantPicker } from './variant-picker.tsx';

type Line = { variantId: string | null; quantity: number | '' };

/**
 * Receive goods (quantities arrive) or adjust stock (a count, or a change, with a reason) at one location, for one
 * or more variants. The server refuses the whole list when a line is wrong and names the line.
 */
export function StockMoveModal({
  mode,
  opened,
  onClose,
  locationId,
}: {
  mode: 'receive' | 'adjust';
  opened: boolean;
  onClose: () => void;
  locationId?: string | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const locations = useLocations();
  const form = useForm({
    initialValues: {
      locationId: null as string | null,
      how: 'count' as 'count' | 'delta',
      reason: '',
      lines: [{ variantId: null, quantity: '' }] as Line[],
    },
    validate: {
      locationId: (v) => (v ? null : t('validation.required')),
      reason: (v) => (mode === 'adjust' && !v.trim() ? t('validation.required') : null),
      lines: {
        variantId: (v) => (v ? null : t('validation.required')),
        quantity: (v) => (v === '' ? t('validation.required') : null),
      },
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens
  useEffect(() => {
    if (!opened) return;
    form.setValues({
      locationId: locationId ?? null,
      how: 'count',
      reason: '',
      lines: [{ variantId: null, quantity: '' }],
    });
    form.clearErrors();
  }, [opened, locationId]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const lines = v.lines.map((l) =>
        mode === 'receive'
          ? { variantId: l.variantId, quantity: Number(l.quantity) }
          : v.how === 'count'
            ? { variantId: l.variantId, onHand: Number(l.quantity) }
            : { variantId: l.variantId, delta: Number(l.quantity) },
      );
      return api.post(`/stock-locations/${v.locationId}/${mode}`, {
        lines,
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      });
    },
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(mode === 'receive' ? t('comCatalog.stock.received') : t('comCatalog.stock.adjusted'));
      onClose();
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    },
    // The API names `lines.N.delta` for a count too; both are the same input here.
    onError: (err) => applyFormErrors(form, err, undefined, { id: 'locationId' }),
  });

  const counted = (locations.data ?? []).filter((l) => l.tracksLevels && l.active);
  const qtyLabel =
    mode === 'receive'
      ? t('comCatalog.stock.quantity')
      : form.values.how === 'count'
        ? t('comCatalog.stock.counted')
        : t('comCatalog.stock.change');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={mode === 'receive' ? t('comCatalog.stock.receive') : t('comCatalog.stock.adjust')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <Select
            label={t('comCatalog.stock.location')}
            data={counted.map((l) => ({ value: l.id, label: l.name }))}
            required
            data-autofocus
            {...form.getInputProps('locationId')}
          />
          {mode === 'adjust' && (
            <SegmentedControl
              aria-label={t('comCatalog.stock.adjustHow')}
              data={[
                { value: 'count', label: t('comCatalog.stock.byCount') },
                { value: 'delta', label: t('comCatalog.stock.byChange') },
              ]}
              {...form.getInputProps('how')}
            />
          )}
          {form.values.lines.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity before they are saved
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <VariantPicker
                value={form.values.lines[i]?.variantId ?? null}
                onChange={(id) => form.setFieldValue(`lines.${i}.variantId`, id)}
                error={form.errors[`lines.${i}.variantId`]}
              />
              <NumberInput
                aria-label={qtyLabel}
                placeholder={qtyLabel}
                allowDecimal={false}
                min={mode === 'receive' ? 1 : form.values.how === 'count' ? 0 : undefined}
                w={130}
                {...form.getInputProps(`lines.${i}.quantity`)}
                error={
                  form.errors[`lines.${i}.quantity`] ??
                  form.errors[`lines.${i}.delta`] ??
                  form.errors[`lines.${i}.onHand`]
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={6}
                disabled={form.values.lines.length === 1}
                aria-label={t('common.remove')}
                onClick={() => form.removeListItem('lines', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('lines', { variantId: null, quantity: '' })}
            >
              {t('comCatalog.stock.addLine')}
            </Button>
          </Group>
          <TextInput
            label={t('comCatalog.stock.reason')}
            placeholder={mode === 'receive' ? t('comCatalog.stock.reasonReceive') : t('comCatalog.stock.reasonAdjust')}
            required={mode === 'adjust'}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mode === 'receive' ? t('comCatalog.stock.receive') : t('comCatalog.stock.adjust')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A level's low-stock threshold (empty: no alert). */
export function ThresholdModal({ level, onClose }: { level: StockLevel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ initialValues: { threshold: '' as number | '' } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens for another level
  useEffect(() => {
    if (level) form.setValues({ threshold: level.lowStockThreshold ?? '' });
  }, [level?.locationId, level?.variantId]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.put(`/stock-locations/${level!.locationId}/levels/${level!.variantId}`, {
        lowStockThreshold: v.threshold === '' ? null : Number(v.threshold),
      }),
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      onClose();
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    },
    onError: (err) => applyFormErrors(form, err, undefined, { lowStockThreshold: 'threshold' }),
  });
  return (
    <Modal
      opened={level !== null}
      onClose={onClose}
      title={t('comCatalog.stock.thresholdFor', { sku: level?.sku ?? '', location: level?.locationName ?? '' })}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <NumberInput
            label={t('comCatalog.stock.threshold')}
            description={t('comCatalog.stock.thresholdHint')}
            min={0}
            allowDecimal={false}
            data-autofocus
            {...form.getInputProps('threshold')}
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

/** The supplier sent its parcel: tracking number and carrier (both optional). */
export function ShippedModal({ request, onClose }: { request: PurchaseRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ initialValues: { trackingNumber: '', carrier: '' } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens for another request
  useEffect(() => {
    if (request) form.reset();
  }, [request?.id]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post(`/purchase-requests/${request!.id}/shipped`, {
        ...(v.trackingNumber.trim() ? { trackingNumber: v.trackingNumber.trim() } : {}),
        ...(v.carrier.trim() ? { carrier: v.carrier.trim() } : {}),
      }),
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('comCatalog.stock.pr.markedShipped'));
      onClose();
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={t('comCatalog.stock.pr.shippedTitle', { number: request?.orderNumber ?? '' })}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput
            label={t('comCatalog.stock.pr.tracking')}
            data-autofocus
            {...form.getInputProps('trackingNumber')}
          />
          <TextInput label={t('comCatalog.stock.pr.carrier')} {...form.getInputProps('carrier')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('comCatalog.stock.pr.markShipped')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
