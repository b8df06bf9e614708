import { Anchor, Button, Card, Group, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconId } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useMembers } from '../queries.ts';
import { TagList } from '../shared/badges.tsx';
import { AddressFields, FormActions, formatAddress } from '../shared/form-parts.tsx';
import type { Company } from '../types.ts';

const toForm = (c: Company) => ({
  name: c.name,
  domain: c.domain ?? '',
  website: c.website ?? '',
  industry: c.industry ?? '',
  emails: c.emails.join(', '),
  phones: c.phones.join(', '),
  ownerId: c.ownerId,
  tags: [...c.tags],
  address: {
    street: c.address.street ?? '',
    city: c.address.city ?? '',
    region: c.address.region ?? '',
    postcode: c.address.postcode ?? '',
    country: c.address.country ?? '',
  },
});
type FormValues = ReturnType<typeof toForm>;
const orNull = (s: string) => (s.trim() ? s.trim() : null);
const list = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children || (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </div>
  );
}

export function CompanyDetailsCard({
  company,
  save,
}: {
  company: Company;
  save: (p: Record<string, unknown>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const [editing, setEditing] = useState(false);
  const form = useForm<FormValues>({ initialValues: toForm(company) });
  const mutation = useMutation({
    mutationFn: (v: FormValues) =>
      save({
        name: v.name.trim(),
        domain: orNull(v.domain),
        website: orNull(v.website),
        industry: orNull(v.industry),
        emails: list(v.emails),
        phones: list(v.phones),
        ownerId: v.ownerId,
        tags: v.tags,
        address: Object.fromEntries(Object.entries(v.address).map(([k, x]) => [k, orNull(x)])),
      }),
    meta: { silentError: true },
    onSuccess: () => {
      setEditing(false);
      notifySuccess(t('common.saved'));
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const owner = members.data?.find((m) => m.userId === company.ownerId);
  const addressLine = formatAddress(company.address);
  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <IconId size={18} />
          <Title order={5}>{t('contactDetail.details')}</Title>
        </Group>
        {!editing && (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => {
              form.setValues(toForm(company));
              setEditing(true);
            }}
          >
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
          <Stack gap="sm">
            <TextInput label={t('companies.fields.name')} required data-autofocus {...form.getInputProps('name')} />
            <TextInput label={t('companies.fields.domain')} {...form.getInputProps('domain')} />
            <TextInput label={t('companies.fields.website')} {...form.getInputProps('website')} />
            <TextInput label={t('companies.fields.industry')} {...form.getInputProps('industry')} />
            <TextInput
              label={t('contacts.fields.emails')}
              description={t('companies.listHint')}
              {...form.getInputProps('emails')}
            />
            <TextInput
              label={t('contacts.fields.phones')}
              description={t('companies.listHint')}
              {...form.getInputProps('phones')}
            />
            <Select
              label={t('contacts.fields.owner')}
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              clearable
              {...form.getInputProps('ownerId')}
            />
            <TagsInput label={t('contacts.fields.tags')} {...form.getInputProps('tags')} />
            <AddressFields inputProps={form.getInputProps} />
            <FormActions onCancel={() => setEditing(false)} saving={mutation.isPending} />
          </Stack>
        </form>
      ) : (
        <Stack gap={10}>
          <Row label={t('companies.fields.domain')}>{company.domain && <Text size="sm">{company.domain}</Text>}</Row>
          <Row label={t('companies.fields.website')}>
            {company.website && (
              <Anchor href={company.website} target="_blank" rel="noreferrer" size="sm">
                {company.website}
              </Anchor>
            )}
          </Row>
          <Row label={t('companies.fields.industry')}>
            {company.industry && <Text size="sm">{company.industry}</Text>}
          </Row>
          <Row label={t('contacts.fields.emails')}>
            {company.emails.length > 0 && <Text size="sm">{company.emails.join(', ')}</Text>}
          </Row>
          <Row label={t('contacts.fields.phones')}>
            {company.phones.length > 0 && (
              <Text size="sm">
                <bdi dir="ltr">{company.phones.join(', ')}</bdi>
              </Text>
            )}
          </Row>
          <Row label={t('contacts.fields.owner')}>{owner && <Text size="sm">{owner.name || owner.email}</Text>}</Row>
          <Row label={t('contacts.fields.tags')}>
            {company.tags.length > 0 && <TagList tags={company.tags} max={12} />}
          </Row>
          <Row label={t('contacts.fields.address')}>{addressLine && <Text size="sm">{addressLine}</Text>}</Row>
        </Stack>
      )}
    </Card>
  );
}
