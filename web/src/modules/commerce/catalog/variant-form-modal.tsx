import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useWorkspace } from '../../../lib/session.tsx';
import { catalogKeys, type Product, type Variant } from './api.ts';
import { fromPriceRows, type PriceRow, PricesEditor, toPriceRows } from './money-input.tsx';

const num = (v: number | '') => (v === '' ? null : Number(v));
const val = (v: number | null) => (v === null ? ('' as const) : v);

/** Add a variant to a product, or edit one (`variant` given): SKU, options, barcode, weight, size, prices. */
export function VariantFormModal({
  opened,
  onClose,
  product,
  variant,
}: {
  opened: boolean;
  onClose: () => void;
  product: Product;
  variant: Variant | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const currency = useWorkspace()?.defaultCurrency ?? 'EUR';
  const form = useForm({
    initialValues: {
      sku: '',
      title: '',
      optionValues: [] as string[],
      barcode: '',
      weightGrams: '' as number | '',
      lengthMm: '' as number | '',
      widthMm: '' as number | '',
      heightMm: '' as number | '',
      imageUrl: '',
      prices: [] as PriceRow[],
    },
    validate: { sku: (v) => (v.trim() ? null : t('validation.required')) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another variant
  useEffect(() => {
    if (!opened) return;
    form.setValues({
      sku: variant?.sku ?? '',
      title: variant?.title ?? '',
      optionValues: variant?.optionValues ?? [],
      barcode: variant?.barcode ?? '',
      weightGrams: val(variant?.weightGrams ?? null),
      lengthMm: val(variant?.lengthMm ?? null),
      widthMm: val(variant?.widthMm ?? null),
      heightMm: val(variant?.heightMm ?? null),
      imageUrl: variant?.imageUrl ?? '',
      prices: variant ? toPriceRows(variant.prices) : [{ currency, amount: '', compareAt: '' }],
    });
    form.clearErrors();
  }, [opened, variant?.id]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        sku: v.sku.trim(),
        ...(v.title.trim() || !v.optionValues.length ? { title: v.title.trim() } : {}),
        optionValues: v.optionValues,
        barcode: v.barcode.trim() || null,
        weightGrams: num(v.weightGrams),
        lengthMm: num(v.lengthMm),
        widthMm: num(v.widthMm),
        heightMm: num(v.heightMm),
        imageUrl: v.imageUrl.trim() || null,
        prices: fromPriceRows(v.prices),
      };
      return variant
        ? api.patch<Variant>(`/variants/${variant.id}`, body)
        : api.post<Variant>(`/products/${product.id}/variants`, body);
    },
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('comCatalog.variant.saved'));
      onClose();
      await qc.invalidateQueries({ queryKey: catalogKeys.products });
    },
    onError: (err) => applyFormErrors(form, err),
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={variant ? t('comCatalog.variant.edit', { sku: variant.sku }) : t('comCatalog.variant.add')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('comCatalog.variant.sku')} required data-autofocus {...form.getInputProps('sku')} />
            <TextInput label={t('comCatalog.variant.barcode')} {...form.getInputProps('barcode')} />
          </SimpleGrid>
          <TagsInput
            label={product.options.length ? product.options.join(' / ') : t('comCatalog.variant.optionValues')}
            description={t('comCatalog.variant.optionValuesHint')}
            maxTags={3}
            {...form.getInputProps('optionValues')}
          />
          <TextInput
            label={t('comCatalog.variant.title')}
            description={t('comCatalog.variant.titleHint')}
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <NumberInput
              label={t('comCatalog.variant.weight')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('weightGrams')}
            />
            <NumberInput
              label={t('comCatalog.variant.length')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('lengthMm')}
            />
            <NumberInput
              label={t('comCatalog.variant.width')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('widthMm')}
            />
            <NumberInput
              label={t('comCatalog.variant.height')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('heightMm')}
            />
          </SimpleGrid>
          <TextInput label={t('comCatalog.variant.image')} placeholder="https://" {...form.getInputProps('imageUrl')} />
          <PricesEditor
            value={form.values.prices}
            onChange={(rows) => form.setFieldValue('prices', rows)}
            defaultCurrency={currency}
            error={form.errors.prices}
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
