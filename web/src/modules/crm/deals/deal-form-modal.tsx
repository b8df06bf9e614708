import '@mantine/dates/styles.css';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { minorDigits, toMajor, toMinor } from '../../../lib/format.ts';
import { CURRENCIES } from '../../../lib/locale-data.ts';
import { useSession } from '../../../lib/session.tsx';
import { CompanyPicker } from '../companies/company-picker.tsx';
import { ContactPicker } from '../contacts/contact-picker.tsx';
import { keys, useMembers } from '../queries.ts';
import type { Deal, Pipeline } from '../types.ts';

/** Creates a deal (no `deal`) or edits one. Amounts are typed in major units and sent as integer minor units. */
export function DealFormModal({
  opened,
  onClose,
  pipeline,
  deal,
  defaults = {},
}: {
  opened: boolean;
  onClose: () => void;
  pipeline: Pipeline | undefined;
  deal?: Deal | null;
  defaults?: { contactId?: string; companyId?: string; contactLabel?: string; companyLabel?: string };
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { me, workspace } = useSession();
  const members = useMembers();
  const currency = deal?.currency ?? workspace?.defaultCurrency ?? 'EUR';
  const openStages = (pipeline?.stages ?? []).filter((s) => s.kind === 'open');
  const form = useForm({
    initialValues: {
      title: deal?.title ?? '',
      amount: (deal ? toMajor(deal.amountMinor, deal.currency) : '') as number | string,
      currency,
      stageId: deal?.stageId ?? openStages[0]?.id ?? null,
      expectedClose: deal?.expectedClose ?? (null as string | null),
      contactId: deal?.contactId ?? defaults.contactId ?? null,
      companyId: deal?.companyId ?? defaults.companyId ?? null,
      ownerId: deal?.ownerId ?? me.user.id,
    },
    validate: { title: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.deals });
    onClose();
  };
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        title: v.title.trim(),
        amountMinor: typeof v.amount === 'number' ? toMinor(v.amount, v.currency) : 0,
        currency: v.currency,
        expectedClose: v.expectedClose ? v.expectedClose.slice(0, 10) : null,
        contactId: v.contactId,
        companyId: v.companyId,
        ownerId: v.ownerId,
      };
      return deal
        ? api.patch<Deal>(`/deals/${deal.id}`, body)
        : api.post<Deal>('/deals', { ...body, pipelineId: pipeline?.id, stageId: v.stageId ?? undefined });
    },
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(deal ? t('common.saved') : t('deals.created'));
      if (!deal) form.reset();
      await refresh();
    },
    onError: (err) => applyFormErrors(form, err, undefined, { amountMinor: 'amount' }),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/deals/${deal?.id}`),
    onSuccess: refresh,
  });
  const digits = minorDigits(form.values.currency);
  return (
    <Modal opened={opened} onClose={onClose} title={deal ? deal.title : t('deals.new')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('deals.fields.title')}
            placeholder={t('deals.titlePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('deals.fields.amount')}
              min={0}
              decimalScale={digits}
              fixedDecimalScale={false}
              thousandSeparator=" "
              {...form.getInputProps('amount')}
            />
            <Select
              label={t('deals.fields.currency')}
              data={CURRENCIES}
              searchable
              {...form.getInputProps('currency')}
            />
            {!deal && (
              <Select
                label={t('deals.fields.stage')}
                data={openStages.map((s) => ({ value: s.id, label: s.name }))}
                allowDeselect={false}
                {...form.getInputProps('stageId')}
              />
            )}
            <DateInput
              label={t('deals.expectedClose')}
              valueFormat="DD MMM YYYY"
              clearable
              {...form.getInputProps('expectedClose')}
            />
            <ContactPicker
              label={t('deals.fields.contact')}
              value={form.values.contactId}
              initialLabel={defaults.contactLabel ?? null}
              onChange={(id) => form.setFieldValue('contactId', id)}
            />
            <CompanyPicker
              label={t('deals.fields.company')}
              value={form.values.companyId}
              initialLabel={defaults.companyLabel ?? null}
              onChange={(id) => form.setFieldValue('companyId', id)}
            />
            <Select
              label={t('deals.fields.owner')}
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              clearable
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <Group justify="space-between">
            {deal ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                loading={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('common.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {deal ? t('common.save') : t('deals.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
