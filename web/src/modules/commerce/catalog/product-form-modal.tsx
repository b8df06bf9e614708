import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { minorDigits, toMinor } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import { catalogKeys, PRODUCT_STATUSES, type Product, type ProductStatus, useCategories } from './api.ts';

type VariantRow = { sku: string; optionValues: string[]; price: number | ''; weightGrams: number | '' };
const emptyRow = (): VariantRow => ({ sku: '', optionValues: [], price: '', weightGrams: '' });

/**
 * Create a product with its first variants (SKU, option values, a price in the workspace's currency, weight), or
 * edit a product's own fields (`product` given; its variants are edited on the product page).
 */
export function ProductFormModal({
  opened,
  onClose,
  product,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  product?: Product | null;
  onSaved?: (p: Product) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const currency = useWorkspace()?.defaultCurrency ?? 'EUR';
  const categories = useCategories();
  const form = useForm({
    initialValues: {
      title: '',
      handle: '',
      status: 'active' as ProductStatus,
      categoryId: null as string | null,
      vendor: '',
      productType: '',
      tags: [] as string[],
      options: [] as string[],
      images: '',
      description: '',
      variants: [emptyRow()],
    },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      variants: { sku: (v) => (product || v.trim() ? null : t('validation.required')) },
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another product
  useEffect(() => {
    if (!opened) return;
    form.setValues({
      title: product?.title ?? '',
      handle: product?.handle ?? '',
      status: product?.status ?? 'active',
      categoryId: product?.categoryId ?? null,
      vendor: product?.vendor ?? '',
      productType: product?.productType ?? '',
      tags: product?.tags ?? [],
      options: product?.options ?? [],
      images: (product?.images ?? []).map((i) => i.url).join('\n'),
      description: product?.description ?? '',
      variants: [emptyRow()],
    });
    form.clearErrors();
  }, [opened, product?.id]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const fields = {
        title: v.title.trim(),
        ...(v.handle.trim() ? { handle: v.handle.trim() } : {}),
        status: v.status,
        categoryId: v.categoryId,
        vendor: v.vendor.trim() || null,
        productType: v.productType.trim() || null,
        tags: v.tags,
        options: v.options,
        images: v.images
          .split(/\s+/)
          .filter(Boolean)
          .map((url) => ({ url })),
        description: v.description.trim() || null,
      };
      if (product) return api.patch<Product>(`/products/${product.id}`, fields);
      return api.post<Product>('/products', {
        ...fields,
        variants: v.variants.map((r) => ({
          sku: r.sku.trim(),
          optionValues: r.optionValues,
          weightGrams: r.weightGrams === '' ? null : r.weightGrams,
          prices: r.price === '' ? [] : [{ currency, amountMinor: toMinor(Number(r.price), currency) }],
        })),
      });
    },
    meta: { silentError: true },
    onSuccess: async (saved) => {
      notifySuccess(product ? t('comCatalog.product.saved') : t('comCatalog.product.created'));
      onClose();
      onSaved?.(saved);
      await qc.invalidateQueries({ queryKey: catalogKeys.products });
      await qc.invalidateQueries({ queryKey: catalogKeys.categories });
    },
    onError: (err) => applyFormErrors(form, err),
  });

  const rows = form.values.variants;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={product ? t('comCatalog.product.edit') : t('comCatalog.product.new')}
      size="xl"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('comCatalog.product.title')} required data-autofocus {...form.getInputProps('title')} />
            <TextInput
              label={t('comCatalog.product.handle')}
              description={t('comCatalog.product.handleHint')}
              {...form.getInputProps('handle')}
            />
          </SimpleGrid>
          <SegmentedControl
            aria-label={t('comCatalog.product.status')}
            data={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`comCatalog.status.${s}`) }))}
            {...form.getInputProps('status')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('comCatalog.product.category')}
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.path }))}
              clearable
              searchable
              {...form.getInputProps('categoryId')}
            />
            <TextInput label={t('comCatalog.product.vendor')} {...form.getInputProps('vendor')} />
            <TextInput label={t('comCatalog.product.type')} {...form.getInputProps('productType')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TagsInput label={t('comCatalog.product.tags')} {...form.getInputProps('tags')} />
            <TagsInput
              label={t('comCatalog.product.options')}
              description={t('comCatalog.product.optionsHint')}
              maxTags={3}
              {...form.getInputProps('options')}
            />
          </SimpleGrid>
          <Textarea
            label={t('comCatalog.product.images')}
            description={t('comCatalog.product.imagesHint')}
            autosize
            minRows={2}
            {...form.getInputProps('images')}
          />
          <Textarea
            label={t('comCatalog.product.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          {!product && (
            <>
              <Divider label={t('comCatalog.product.variants')} labelPosition="left" />
              {rows.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
                <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={i === 0 ? t('comCatalog.variant.sku') : undefined}
                    aria-label={t('comCatalog.variant.sku')}
                    required
                    w={160}
                    {...form.getInputProps(`variants.${i}.sku`)}
                  />
                  <TagsInput
                    label={i === 0 ? t('comCatalog.variant.optionValues') : undefined}
                    aria-label={t('comCatalog.variant.optionValues')}
                    maxTags={3}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`variants.${i}.optionValues`)}
                  />
                  <NumberInput
                    label={i === 0 ? `${t('comCatalog.variant.price')} (${currency})` : undefined}
                    aria-label={t('comCatalog.variant.price')}
                    min={0}
                    decimalScale={minorDigits(currency)}
                    w={120}
                    {...form.getInputProps(`variants.${i}.price`)}
                  />
                  <NumberInput
                    label={i === 0 ? t('comCatalog.variant.weight') : undefined}
                    aria-label={t('comCatalog.variant.weight')}
                    min={0}
                    allowDecimal={false}
                    w={110}
                    {...form.getInputProps(`variants.${i}.weightGrams`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mb={4}
                    disabled={rows.length === 1}
                    aria-label={t('comCatalog.variant.remove')}
                    onClick={() => form.removeListItem('variants', i)}
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
                  onClick={() => form.insertListItem('variants', emptyRow())}
                >
                  {t('comCatalog.variant.addRow')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('comCatalog.product.variantsHint')}
                </Text>
              </Group>
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t('common.save') : t('comCatalog.product.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
