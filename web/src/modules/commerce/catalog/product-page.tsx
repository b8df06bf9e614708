import { ActionIcon, Badge, Button, Group, Image, Menu, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { type StockLevel, stockKeys } from '../stock/api.ts';
import { catalogKeys, type Product, STATUS_COLORS, useCategories, type Variant } from './api.ts';
import { ProductFormModal } from './product-form-modal.tsx';
import { VariantFormModal } from './variant-form-modal.tsx';

const dims = (v: Variant) =>
  v.lengthMm !== null && v.widthMm !== null && v.heightMm !== null
    ? `${v.lengthMm}×${v.widthMm}×${v.heightMm} mm`
    : '—';

/** One product: its fields, its variants with prices and stock per location. */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editOpen, edit] = useDisclosure(false);
  const [variantOpen, variantModal] = useDisclosure(false);
  const [variant, setVariant] = useState<Variant | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'product' } | { kind: 'variant'; variant: Variant } | null>(null);
  const categories = useCategories();
  const product = useQuery({
    queryKey: catalogKeys.product(id),
    queryFn: () => api.get<Product>(`/products/${id}`),
  });
  const levels = useQuery({
    queryKey: [...stockKeys.levels, 'product', id],
    queryFn: () => api.get<Page<StockLevel>>('/stock-levels', { productId: id, limit: 500 }),
    select: (r) => r.data,
  });
  const remove = useMutation({
    mutationFn: () =>
      confirm?.kind === 'variant' ? api.delete(`/variants/${confirm.variant.id}`) : api.delete(`/products/${id}`),
    onSuccess: async () => {
      const wasProduct = confirm?.kind === 'product';
      setConfirm(null);
      notifySuccess(t('comCatalog.deleted'));
      await qc.invalidateQueries({ queryKey: catalogKeys.products });
      if (wasProduct) navigate('/commerce/products');
    },
    onError: (err) => {
      setConfirm(null);
      notifyError(err);
    },
  });

  if (product.isPending) return <PageLoader />;
  if (product.isError) return <QueryError error={product.error} onRetry={() => product.refetch()} />;
  const p = product.data;
  const category = categories.data?.find((c) => c.id === p.categoryId);
  const stockOf = (v: Variant) => (levels.data ?? []).filter((l) => l.variantId === v.id);

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('comCatalog.products.title'), to: '/commerce/products' }]}
        title={
          <Group gap="sm">
            <Title order={2}>{p.title}</Title>
            <Badge variant="light" color={STATUS_COLORS[p.status]} tt="none">
              {t(`comCatalog.status.${p.status}`)}
            </Badge>
          </Group>
        }
        description={[p.handle, p.vendor, p.productType, category?.path].filter(Boolean).join(' · ')}
        actions={
          <>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open}>
              {t('common.edit')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirm({ kind: 'product' })}
            >
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        {(p.images.length > 0 || p.description || p.tags.length > 0) && (
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              {p.images.length > 0 && (
                <Group gap="sm">
                  {p.images.map((img) => (
                    <Image key={img.url} src={img.url} alt={img.alt ?? ''} w={96} h={96} radius="sm" fit="cover" />
                  ))}
                </Group>
              )}
              {p.description && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.description}
                </Text>
              )}
              {p.tags.length > 0 && (
                <Group gap={4}>
                  {p.tags.map((tag) => (
                    <Badge key={tag} variant="outline" color="gray" tt="none">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          </Paper>
        )}
        <Paper withBorder radius="md">
          <Group justify="space-between" p="md" pb={0}>
            <Title order={4}>{t('comCatalog.product.variants')}</Title>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => {
                setVariant(null);
                variantModal.open();
              }}
            >
              {t('comCatalog.variant.add')}
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" aria-label={t('comCatalog.product.variants')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comCatalog.variant.sku')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.title')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.barcode')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.variant.weight')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.size')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.prices')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.stock')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.variants.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td ff="monospace">{v.sku}</Table.Td>
                    <Table.Td>{v.title || '—'}</Table.Td>
                    <Table.Td ff="monospace">{v.barcode ?? '—'}</Table.Td>
                    <Table.Td ta="end">{v.weightGrams === null ? '—' : `${f.number(v.weightGrams)} g`}</Table.Td>
                    <Table.Td>{dims(v)}</Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {v.prices.map((x) => (
                          <Text key={x.currency} size="sm">
                            {f.money(x.amountMinor, x.currency)}
                            {x.compareAtMinor !== null && (
                              <Text span size="xs" c="dimmed" td="line-through" ms={6}>
                                {f.money(x.compareAtMinor, x.currency)}
                              </Text>
                            )}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {stockOf(v).length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('comCatalog.variant.noStock')}
                        </Text>
                      ) : (
                        stockOf(v).map((l) => (
                          <Text key={l.locationId} size="sm" c={l.low ? 'red' : undefined}>
                            {l.locationName}:{' '}
                            {l.available === null ? t('comCatalog.stock.unlimited') : f.number(l.available)}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('common.more')}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconPencil size={14} />}
                            onClick={() => {
                              setVariant(v);
                              variantModal.open();
                            }}
                          >
                            {t('common.edit')}
                          </Menu.Item>
                          <Menu.Item component={Link} to={`/commerce/stock?variantId=${v.id}`}>
                            {t('comCatalog.variant.ledger')}
                          </Menu.Item>
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => setConfirm({ kind: 'variant', variant: v })}
                          >
                            {t('common.delete')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
      <ProductFormModal opened={editOpen} onClose={edit.close} product={p} />
      <VariantFormModal opened={variantOpen} onClose={variantModal.close} product={p} variant={variant} />
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('common.delete')}>
        <Stack>
          <Text size="sm">
            {confirm?.kind === 'variant'
              ? t('comCatalog.variant.deleteConfirm', { sku: confirm.variant.sku })
              : t('comCatalog.product.deleteConfirm', { title: p.title })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-autofocus>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
