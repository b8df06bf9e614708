import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRadar } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { problemOf } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { KindBadge } from './labels.tsx';
import { CAPABILITIES, KINDS, type NearestResult } from './types.ts';

type Values = {
  by: 'postcode' | 'coordinates';
  postcode: string;
  country: string;
  lat: number | string;
  lng: number | string;
  radiusKm: number | string;
  capability: string[];
  kind: string[];
  openAt: string;
  capacityOn: string;
  limit: number | string;
};

/** Tries the nearest-point search as the checkout widget will call it, with every filter. */
export function NearestPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const form = useForm<Values>({
    initialValues: {
      by: 'postcode',
      postcode: '',
      country: '',
      lat: '',
      lng: '',
      radiusKm: 50,
      capability: [],
      kind: [],
      openAt: '',
      capacityOn: '',
      limit: 10,
    },
  });
  const search = useMutation({
    mutationFn: (v: Values) =>
      api.get<NearestResult>('/pickup-points/nearest', {
        ...(v.by === 'postcode'
          ? { postcode: v.postcode, country: v.country.toUpperCase() }
          : { lat: String(v.lat), lng: String(v.lng) }),
        radiusKm: String(v.radiusKm),
        capability: v.capability,
        kind: v.kind,
        // The datetime-local input has no zone: it is read in the browser's zone and sent as an instant.
        openAt: v.openAt ? new Date(v.openAt).toISOString() : undefined,
        capacityOn: v.capacityOn || undefined,
        limit: String(v.limit),
      }),
  });
  const r = search.data;
  return (
    <Stack>
      <form onSubmit={form.onSubmit((v) => search.mutate(v))}>
        <Stack gap="sm">
          <SegmentedControl
            w="fit-content"
            data={[
              { value: 'postcode', label: t('comPickup.nearest.byPostcode') },
              { value: 'coordinates', label: t('comPickup.nearest.byCoordinates') },
            ]}
            {...form.getInputProps('by')}
          />
          <Group align="flex-end" wrap="wrap">
            {form.values.by === 'postcode' ? (
              <>
                <TextInput label={t('comPickup.nearest.postcode')} required {...form.getInputProps('postcode')} />
                <TextInput
                  label={t('comPickup.nearest.country')}
                  placeholder="DE"
                  maxLength={2}
                  required
                  w={90}
                  {...form.getInputProps('country')}
                />
              </>
            ) : (
              <>
                <NumberInput
                  label={t('comPickup.form.lat')}
                  decimalScale={6}
                  required
                  w={140}
                  {...form.getInputProps('lat')}
                />
                <NumberInput
                  label={t('comPickup.form.lng')}
                  decimalScale={6}
                  required
                  w={140}
                  {...form.getInputProps('lng')}
                />
              </>
            )}
            <NumberInput
              label={t('comPickup.nearest.radius')}
              min={1}
              max={20000}
              w={120}
              {...form.getInputProps('radiusKm')}
            />
            <NumberInput
              label={t('comPickup.nearest.limit')}
              min={1}
              max={100}
              w={90}
              {...form.getInputProps('limit')}
            />
          </Group>
          <Group align="flex-end" wrap="wrap">
            <MultiSelect
              label={t('comPickup.list.capability')}
              data={CAPABILITIES.map((c) => ({ value: c, label: t(`comPickup.capabilities.${c}`) }))}
              w={280}
              {...form.getInputProps('capability')}
            />
            <MultiSelect
              label={t('comPickup.list.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`comPickup.kinds.${k}`) }))}
              w={220}
              {...form.getInputProps('kind')}
            />
            <TextInput type="datetime-local" label={t('comPickup.nearest.openAt')} {...form.getInputProps('openAt')} />
            <TextInput type="date" label={t('comPickup.nearest.capacityOn')} {...form.getInputProps('capacityOn')} />
            <Button type="submit" leftSection={<IconRadar size={16} />} loading={search.isPending}>
              {t('comPickup.nearest.search')}
            </Button>
          </Group>
        </Stack>
      </form>
      {search.isError && (
        <Alert color="red" title={t('comPickup.nearest.failed')}>
          {problemOf(search.error).detail}
        </Alert>
      )}
      {r && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('comPickup.nearest.origin', {
              where: r.origin.postcode
                ? `${r.origin.postcode} ${r.origin.placeName ?? ''}`.trim()
                : `${r.origin.lat}, ${r.origin.lng}`,
              count: r.data.length,
              radius: r.radiusKm,
            })}
          </Text>
          {r.data.length === 0 ? (
            <Text>{t('comPickup.nearest.none')}</Text>
          ) : (
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="end">{t('comPickup.nearest.distance')}</Table.Th>
                  <Table.Th>{t('comPickup.list.name')}</Table.Th>
                  <Table.Th>{t('comPickup.list.kind')}</Table.Th>
                  <Table.Th>{t('comPickup.nearest.open')}</Table.Th>
                  <Table.Th ta="end">{t('comPickup.nearest.left')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td ta="end">{f.number(p.distanceKm)} km</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/commerce/pickup-points/${p.id}`}>
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <KindBadge kind={p.kind} />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={p.openNow ? 'teal' : 'gray'} variant="light">
                        {p.openNow ? t('comPickup.nearest.isOpen') : t('comPickup.nearest.isClosed')}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="end">{p.capacityLeft ?? '∞'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
