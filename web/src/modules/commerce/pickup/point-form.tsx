import {
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OpeningHours } from '../../../../../src/modules/commerce/pickup/opening-hours.ts';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { toMajor, toMinor } from '../../../lib/format.ts';
import { useWorkspace } from '../../../lib/session.tsx';
import { HoursEditor } from './hours-editor.tsx';
import { CAPABILITIES, type Capability, KINDS, type PickupKind, type PickupPoint, pickupKeys } from './types.ts';

type Values = {
  kind: PickupKind;
  name: string;
  code: string;
  partner: { name: string; contactName: string; email: string; phone: string };
  carrier: string;
  address: { line1: string; line2: string; city: string; region: string; postcode: string; country: string };
  lat: number | string;
  lng: number | string;
  timezone: string;
  hours: OpeningHours;
  capabilities: Capability[];
  capacityPerDay: number | string;
  fee: number | string;
  currency: string;
  instructions: string;
  active: boolean;
};

function initial(p: PickupPoint | null, currency: string): Values {
  return {
    kind: p?.kind ?? 'own',
    name: p?.name ?? '',
    code: p?.code ?? '',
    partner: {
      name: p?.partner?.name ?? '',
      contactName: p?.partner?.contactName ?? '',
      email: p?.partner?.email ?? '',
      phone: p?.partner?.phone ?? '',
    },
    carrier: p?.carrier ?? '',
    address: {
      line1: p?.address.line1 ?? '',
      line2: p?.address.line2 ?? '',
      city: p?.address.city ?? '',
      region: p?.address.region ?? '',
      postcode: p?.address.postcode ?? '',
      country: p?.address.country ?? '',
    },
    lat: p?.lat ?? '',
    lng: p?.lng ?? '',
    timezone: p?.timezone ?? '',
    hours: { weekly: p?.hours ?? {}, exceptions: p?.hoursExceptions ?? [] },
    capabilities: p?.capabilities ?? ['pickup'],
    capacityPerDay: p?.capacityPerDay ?? '',
    fee: p ? toMajor(p.fee.amountMinor, p.fee.currency) : 0,
    currency: p?.fee.currency ?? currency,
    instructions: p?.instructions ?? '',
    active: p?.active ?? true,
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function toBody(v: Values) {
  return {
    kind: v.kind,
    name: v.name,
    code: orNull(v.code),
    partner:
      v.kind === 'partner'
        ? {
            name: v.partner.name,
            contactName: orNull(v.partner.contactName),
            email: orNull(v.partner.email),
            phone: orNull(v.partner.phone),
          }
        : null,
    carrier: v.kind === 'carrier' ? orNull(v.carrier) : null,
    address: {
      line1: v.address.line1,
      line2: orNull(v.address.line2),
      city: v.address.city,
      region: orNull(v.address.region),
      postcode: orNull(v.address.postcode),
      country: v.address.country,
    },
    lat: Number(v.lat),
    lng: Number(v.lng),
    timezone: orNull(v.timezone),
    hours: v.hours.weekly,
    hoursExceptions: v.hours.exceptions,
    capabilities: v.capabilities,
    capacityPerDay: v.capacityPerDay === '' ? null : Number(v.capacityPerDay),
    fee: { amountMinor: toMinor(Number(v.fee) || 0, v.currency), currency: v.currency },
    instructions: orNull(v.instructions),
    active: v.active,
  };
}

/** Create or edit a pickup point; the server checks everything and its errors land under the fields they name. */
export function PointForm({ point, onDone }: { point: PickupPoint | null; onDone: (p: PickupPoint) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ws = useWorkspace();
  const form = useForm<Values>({ initialValues: initial(point, ws?.defaultCurrency ?? 'EUR') });
  const save = useMutation({
    mutationFn: (v: Values) =>
      point
        ? api.patch<PickupPoint>(`/pickup-points/${point.id}`, toBody(v))
        : api.post<PickupPoint>('/pickup-points', toBody(v)),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: pickupKeys.all });
      notifySuccess(point ? t('comPickup.form.saved') : t('comPickup.form.created'));
      onDone(p);
    },
    onError: (err) =>
      applyFormErrors(form, err, t('comPickup.form.failed'), {
        hoursExceptions: 'hours',
        hoursText: 'hours',
        'fee.amountMinor': 'fee',
        'fee.currency': 'currency',
      }),
  });
  const v = form.values;
  return (
    <form onSubmit={form.onSubmit((vals) => save.mutate(vals))}>
      <Stack>
        <SegmentedControl
          data={KINDS.map((k) => ({ value: k, label: t(`comPickup.kinds.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('comPickup.form.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('comPickup.form.code')}
            description={t('comPickup.form.codeHelp')}
            {...form.getInputProps('code')}
          />
        </SimpleGrid>
        {v.kind === 'partner' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('comPickup.form.partnerName')} required {...form.getInputProps('partner.name')} />
            <TextInput label={t('comPickup.form.partnerContact')} {...form.getInputProps('partner.contactName')} />
            <TextInput label={t('comPickup.form.partnerEmail')} type="email" {...form.getInputProps('partner.email')} />
            <TextInput label={t('comPickup.form.partnerPhone')} type="tel" {...form.getInputProps('partner.phone')} />
          </SimpleGrid>
        )}
        {v.kind === 'carrier' && (
          <TextInput label={t('comPickup.form.carrier')} required {...form.getInputProps('carrier')} />
        )}
        <Divider label={t('comPickup.form.where')} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('comPickup.form.line1')} required {...form.getInputProps('address.line1')} />
          <TextInput label={t('comPickup.form.line2')} {...form.getInputProps('address.line2')} />
          <TextInput label={t('comPickup.form.postcode')} {...form.getInputProps('address.postcode')} />
          <TextInput label={t('comPickup.form.city')} required {...form.getInputProps('address.city')} />
          <TextInput label={t('comPickup.form.region')} {...form.getInputProps('address.region')} />
          <TextInput
            label={t('comPickup.form.country')}
            placeholder="DE"
            maxLength={2}
            required
            {...form.getInputProps('address.country')}
          />
          <NumberInput
            label={t('comPickup.form.lat')}
            decimalScale={6}
            min={-90}
            max={90}
            required
            {...form.getInputProps('lat')}
          />
          <NumberInput
            label={t('comPickup.form.lng')}
            decimalScale={6}
            min={-180}
            max={180}
            required
            {...form.getInputProps('lng')}
          />
          <TextInput
            label={t('comPickup.form.timezone')}
            placeholder={ws?.timezone}
            description={t('comPickup.form.timezoneHelp')}
            {...form.getInputProps('timezone')}
          />
        </SimpleGrid>
        <Divider label={t('comPickup.form.hours')} labelPosition="left" />
        <HoursEditor value={v.hours} onChange={(h) => form.setFieldValue('hours', h)} />
        {form.errors.hours && (
          <Text c="red" size="sm">
            {form.errors.hours}
          </Text>
        )}
        <Divider label={t('comPickup.form.service')} labelPosition="left" />
        <Checkbox.Group label={t('comPickup.form.capabilities')} {...form.getInputProps('capabilities')}>
          <Group mt={4}>
            {CAPABILITIES.map((c) => (
              <Checkbox key={c} value={c} label={t(`comPickup.capabilities.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('comPickup.form.capacity')}
            description={t('comPickup.form.capacityHelp')}
            min={0}
            allowDecimal={false}
            {...form.getInputProps('capacityPerDay')}
          />
          <NumberInput label={t('comPickup.form.fee')} min={0} decimalScale={2} {...form.getInputProps('fee')} />
          <TextInput label={t('comPickup.form.currency')} maxLength={3} {...form.getInputProps('currency')} />
        </SimpleGrid>
        <Textarea
          label={t('comPickup.form.instructions')}
          autosize
          minRows={2}
          {...form.getInputProps('instructions')}
        />
        <Switch label={t('comPickup.form.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {point ? t('common.save') : t('comPickup.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
