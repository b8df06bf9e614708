import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconChevronDown, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors } from '../../../lib/errors.tsx';
import { toMinor, useFormat } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import { countryOptions, type Quote } from './types.ts';

type ParcelValues = {
  key: string;
  weightKg: number | string;
  lengthCm: number | string;
  widthCm: number | string;
  heightCm: number | string;
};
type Values = {
  destination: { country: string; postcode: string; city: string; region: string };
  parcels: ParcelValues[];
  cod: number | string;
  orderValue: number | string;
  at: string;
};

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));
const TAG_COLORS = { cheapest: 'teal', fastest: 'blue', best_value: 'grape' } as const;

/** Quote a parcel to a destination as the API would, and see every option ranked with its breakdown. */
export function CalculatorPanel() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const ws = useWorkspace();
  const currency = ws?.defaultCurrency ?? 'EUR';
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const [open, setOpen] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      destination: { country: '', postcode: '', city: '', region: '' },
      parcels: [{ key: randomId(), weightKg: 1, lengthCm: '', widthCm: '', heightCm: '' }],
      cod: '',
      orderValue: '',
      at: '',
    },
  });
  const quote = useMutation({
    // This form shows the errors itself (beside the fields, or per row).
    meta: { silentError: true },
    mutationFn: (v: Values) => {
      const d = v.destination;
      const cod = num(v.cod);
      const order = num(v.orderValue);
      return api.post<Quote>('/shipping/quotes', {
        destination: {
          country: d.country,
          ...(d.postcode.trim() ? { postcode: d.postcode.trim() } : {}),
          ...(d.city.trim() ? { city: d.city.trim() } : {}),
          ...(d.region.trim() ? { region: d.region.trim() } : {}),
        },
        parcels: v.parcels.map((p) => {
          const [l, w, h] = [num(p.lengthCm), num(p.widthCm), num(p.heightCm)];
          return {
            weightGrams: Math.round((num(p.weightKg) ?? 0) * 1000),
            ...(l && w && h
              ? { lengthMm: Math.round(l * 10), widthMm: Math.round(w * 10), heightMm: Math.round(h * 10) }
              : {}),
          };
        }),
        ...(cod !== null ? { cashOnDelivery: { amountMinor: toMinor(cod, currency) } } : {}),
        ...(order !== null ? { orderValueMinor: toMinor(order, currency) } : {}),
        ...(v.at ? { at: new Date(v.at).toISOString() } : {}),
      });
    },
    onError: (err) => applyFormErrors(form, err, undefined, { 'parcels.0.weightGrams': 'parcels.0.weightKg' }),
  });
  const q = quote.data;
  const day = (iso: string) => f.date(`${iso}T12:00:00Z`);

  return (
    <Stack>
      <Paper withBorder p="md" radius="md">
        <form onSubmit={form.onSubmit((v) => quote.mutate(v))}>
          <Stack>
            <Title order={4}>{t('comShipping.calc.destination')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <Select
                label={t('comShipping.calc.country')}
                data={countries}
                searchable
                required
                {...form.getInputProps('destination.country')}
              />
              <TextInput label={t('comShipping.calc.postcode')} {...form.getInputProps('destination.postcode')} />
              <TextInput label={t('comShipping.calc.city')} {...form.getInputProps('destination.city')} />
              <TextInput label={t('comShipping.calc.region')} {...form.getInputProps('destination.region')} />
            </SimpleGrid>
            <Title order={4}>{t('comShipping.calc.parcels')}</Title>
            {form.values.parcels.map((p, i) => (
              <Group key={p.key} align="flex-end" gap="xs">
                <NumberInput
                  label={t('comShipping.calc.weightKg')}
                  min={0}
                  decimalScale={3}
                  w={130}
                  {...form.getInputProps(`parcels.${i}.weightKg`)}
                />
                <NumberInput
                  label={t('comShipping.calc.lengthCm')}
                  min={0}
                  w={110}
                  {...form.getInputProps(`parcels.${i}.lengthCm`)}
                />
                <NumberInput
                  label={t('comShipping.calc.widthCm')}
                  min={0}
                  w={110}
                  {...form.getInputProps(`parcels.${i}.widthCm`)}
                />
                <NumberInput
                  label={t('comShipping.calc.heightCm')}
                  min={0}
                  w={110}
                  {...form.getInputProps(`parcels.${i}.heightCm`)}
                />
                {form.values.parcels.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('common.remove')}
                    onClick={() => form.removeListItem('parcels', i)}
                    mb={4}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  form.insertListItem('parcels', {
                    key: randomId(),
                    weightKg: 1,
                    lengthCm: '',
                    widthCm: '',
                    heightCm: '',
                  })
                }
              >
                {t('comShipping.calc.addParcel')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('comShipping.calc.orderValue', { currency })}
                min={0}
                decimalScale={2}
                {...form.getInputProps('orderValue')}
              />
              <NumberInput
                label={t('comShipping.calc.cod', { currency })}
                min={0}
                decimalScale={2}
                {...form.getInputProps('cod')}
              />
              <TextInput
                type="datetime-local"
                label={t('comShipping.calc.at')}
                description={t('comShipping.calc.atHint')}
                {...form.getInputProps('at')}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={quote.isPending}>
                {t('comShipping.calc.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      {q && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            {q.warnings.map((w) => (
              <Alert key={`${w.code}:${w.message}`} color="yellow" variant="light">
                {w.message}
              </Alert>
            ))}
            {q.options.length === 0 ? (
              <Text c="dimmed">{t('comShipping.calc.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="xs" highlightOnHover aria-label={t('comShipping.calc.results')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>#</Table.Th>
                      <Table.Th>{t('comShipping.calc.service')}</Table.Th>
                      <Table.Th>{t('comShipping.calc.delivery')}</Table.Th>
                      <Table.Th ta="end">{t('comShipping.calc.price')}</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {q.options.map((o) => (
                      <Fragment key={o.id}>
                        <Table.Tr data-option={o.id}>
                          <Table.Td>{o.rank}</Table.Td>
                          <Table.Td>
                            <Group gap={6}>
                              <Text fw={600} size="sm">
                                {o.carrierName} · {o.serviceName}
                              </Text>
                              {o.tags.map((tag) => (
                                <Badge key={tag} size="xs" color={TAG_COLORS[tag]} variant="light">
                                  {t(`comShipping.tags.${tag}`)}
                                </Badge>
                              ))}
                            </Group>
                            <Text size="xs" c="dimmed">
                              {t(`comShipping.kinds.${o.serviceKind}`)}
                              {o.zone ? ` · ${t('comShipping.calc.zone', { zone: o.zone })}` : ''}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">
                              {o.eta.earliest === o.eta.latest
                                ? day(o.eta.latest)
                                : `${day(o.eta.earliest)} – ${day(o.eta.latest)}`}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('comShipping.calc.leaves', { date: day(o.eta.dispatch) })}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="end" fw={600}>
                            {f.money(o.priceMinor, o.currency)}
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('comShipping.calc.breakdown')}
                              aria-expanded={open === o.id}
                              onClick={() => setOpen(open === o.id ? null : o.id)}
                            >
                              <IconChevronDown size={16} />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                        <Table.Tr>
                          <Table.Td colSpan={5} p={0} style={{ borderBlockEnd: open === o.id ? undefined : 'none' }}>
                            <Collapse in={open === o.id}>
                              <Table fz="sm" verticalSpacing={2} ms="xl" maw={480}>
                                <Table.Tbody>
                                  {o.breakdown.map((l) => (
                                    <Table.Tr key={l.code}>
                                      <Table.Td>{l.label}</Table.Td>
                                      <Table.Td ta="end">{f.money(l.amountMinor, o.currency)}</Table.Td>
                                    </Table.Tr>
                                  ))}
                                </Table.Tbody>
                              </Table>
                            </Collapse>
                          </Table.Td>
                        </Table.Tr>
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {q.unavailable.length > 0 && (
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {t('comShipping.calc.unavailable')}
                </Text>
                {q.unavailable.map((u) => (
                  <Text key={`${u.carrierId}:${u.serviceId}`} size="xs" c="dimmed">
                    {u.carrierName}
                    {u.serviceName ? ` · ${u.serviceName}` : ''}: {u.reason}
                  </Text>
                ))}
              </Stack>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
