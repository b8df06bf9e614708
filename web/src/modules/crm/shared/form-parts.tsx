import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

type InputProps = (
  path: 'address.street' | 'address.postcode' | 'address.city' | 'address.region' | 'address.country',
) => GetInputPropsReturnType;

/** One line for display: "Main St 1, 3511 Utrecht, Utrecht, NL" — empty parts left out. */
export function formatAddress(a: {
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
}): string {
  return [a.street, [a.postcode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

/** The postal address block of the contact and company edit forms. */
export function AddressFields({ inputProps, countryHint }: { inputProps: InputProps; countryHint?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('contacts.fields.street')} {...inputProps('address.street')} />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('contacts.fields.postcode')} {...inputProps('address.postcode')} />
        <TextInput label={t('contacts.fields.city')} {...inputProps('address.city')} />
        <TextInput label={t('contacts.fields.region')} {...inputProps('address.region')} />
        <TextInput
          label={t('contacts.fields.country')}
          {...(countryHint ? { description: countryHint } : {})}
          maxLength={2}
          {...inputProps('address.country')}
        />
      </SimpleGrid>
    </>
  );
}

/** Cancel and Save at the end of an inline edit form. */
export function FormActions({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Group>
  );
}
