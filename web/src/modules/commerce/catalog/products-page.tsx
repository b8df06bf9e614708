import { Anchor, Badge, Button, Group, Image, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconCategory, IconFileImport, IconPackage, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import type { Page } from '../../../lib/types.ts';
import { catalogKeys, PRODUCT_STATUSES, type Product, STATUS_COLORS, useCategories } from './api.ts';
import { CategoryModal } from './category-modal.tsx';
import { ImportModal } from './import-modal.tsx';
import { ProductFormModal } from './product-form-modal.tsx';

/** The catalog: search by words, SKU or barcode; filter by category and status; create, import. */
export function ProductsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const currency = useWorkspace()?.defaultCurrency ?? 'EUR';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [formOpen, form] = useDisclosure(false);
  const [importOpen, importer] = useDisclosure(false);
  const [categoryOpen, category] = useDisclosure(false);
  const categories = useCategories();
  useHotkeys([['n', () => form.open()]]);
  const filters = { q, categoryId, status };
  const filtered = Boolean(q || categoryId || status);

  const list = useInfiniteQuery({
    queryKey: catalogKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Product>>('/products', { q, categoryId, status, limit: 50, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const categoryPath = new Map((categories.data ?? []).map((c) => [c.id, c.path]));

  const priceRange = (p: Product) => {
    const amounts = p.variants.flatMap((v) =>
      v.prices.filter((x) => x.currency === currency).map((x) => x.amountMinor),
    );
    if (!amounts.length) return '—';
    const lo = Math.min(...amounts);
    const hi = Math.max(...amounts);
    return lo === hi ? f.money(lo, currency) : `${f.money(lo, currency)} – ${f.money(hi, currency)}`;
  };

  return (
    <>
      <PageHeader
        title={t('comCatalog.products.title')}
        description={t('comCatalog.products.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconCategory size={16} />} onClick={category.open}>
              {t('comCatalog.category.new')}
            </Button>
            <Button variant="light" leftSection={<IconFileImport size={16} />} onClick={importer.open}>
              {t('comCatalog.import.button')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={form.open}>
              {t('comCatalog.product.new')}
            </Button>
          </>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('comCatalog.products.search')}
          aria-label={t('comCatalog.products.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Select
          aria-label={t('comCatalog.product.category')}
          placeholder={t('comCatalog.products.anyCategory')}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.path }))}
          value={categoryId}
          onChange={setCategoryId}
          clearable
          searchable
          w={240}
        />
        <Select
          aria-label={t('comCatalog.product.status')}
          placeholder={t('comCatalog.products.anyStatus')}
          data={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`comCatalog.status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={160}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<IconSearch size={28} />}
            title={t('comCatalog.products.noMatch')}
            description={t('comCatalog.products.noMatchHint')}
          />
        ) : (
          <EmptyState
            icon={<IconPackage size={28} />}
            title={t('comCatalog.products.empty.title')}
            description={t('comCatalog.products.empty.description')}
          >
            <Button leftSection={<IconPlus size={16} />} onClick={form.open}>
              {t('comCatalog.product.new')}
            </Button>
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importer.open}>
              {t('comCatalog.import.button')}
            </Button>
          </EmptyState>
        )
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('comCatalog.products.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={56} />
                  <Table.Th>{t('comCatalog.product.title')}</Table.Th>
                  <Table.Th>{t('comCatalog.product.status')}</Table.Th>
                  <Table.Th>{t('comCatalog.product.category')}</Table.Th>
                  <Table.Th>{t('comCatalog.products.skus')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.products.price', { currency })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      {p.images[0] ? (
                        <Image src={p.images[0].url} alt="" w={40} h={40} radius="sm" fit="cover" />
                      ) : (
                        <IconPackage size={24} color="var(--mantine-color-dimmed)" aria-hidden />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/commerce/products/${p.id}`} fw={500}>
                        {p.title}
                      </Anchor>
                      {p.vendor && (
                        <Text size="xs" c="dimmed">
                          {p.vendor}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[p.status]} tt="none">
                        {t(`comCatalog.status.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.categoryId ? categoryPath.get(p.categoryId) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" lineClamp={1}>
                        {p.variants.map((v) => v.sku).join(', ')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('comCatalog.products.variantCount', { count: p.variants.length })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="end">{priceRange(p)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="subtle" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <ProductFormModal
        opened={formOpen}
        onClose={form.close}
        onSaved={(p) => navigate(`/commerce/products/${p.id}`)}
      />
      <ImportModal opened={importOpen} onClose={importer.close} />
      <CategoryModal opened={categoryOpen} onClose={category.close} />
    </>
  );
}
