import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconId, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useMembers } from '../queries.ts';
import { TagList } from '../shared/badges.tsx';
import { AddressFields, FormActions, formatAddress } from '../shared/form-parts.tsx';
import type { Contact } from '../types.ts';

export type ContactPatch = Record<string, unknown>;

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

const toForm = (c: Contact) => ({
  firstName: c.firstName ?? '',
  lastName: c.lastName ?? '',
  emails: c.emails.length ? [...c.emails] : [''],
  phones: c.phones.length ? [...c.phones] : [''],
  title: c.title ?? '',
  companyName: c.companyName ?? '',
  website: c.website ?? '',
  language: c.language ?? '',
  ownerId: c.ownerId,
  tags: [...c.tags],
  address: {
    street: c.address.street ?? '',
    city: c.address.city ?? '',
    region: c.address.region ?? '',
    postcode: c.address.postcode ?? '',
    country: c.address.country ?? '',
  },
  linkedin: c.social.linkedin ?? '',
});
type FormValues = ReturnType<typeof toForm>;

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function toPatch(v: FormValues, c: Contact): ContactPatch {
  return {
    firstName: orNull(v.firstName),
    lastName: orNull(v.lastName),
    emails: v.emails.map((e) => e.trim()).filter(Boolean),
    phones: v.phones.map((p) => p.trim()).filter(Boolean),
    title: orNull(v.title),
    // Only sent when changed: the server links (or creates) the company of this name.
    ...(v.companyName.trim() !== (c.companyName ?? '') ? { companyName: orNull(v.companyName) } : {}),
    website: orNull(v.website),
    language: orNull(v.language),
    ownerId: v.ownerId,
    tags: v.tags,
    address: {
      street: orNull(v.address.street),
      city: orNull(v.address.city),
      region: orNull(v.address.region),
      postcode: orNull(v.address.postcode),
      country: orNull(v.address.country),
    },
    social: { ...c.social, ...(v.linkedin.trim() ? { linkedin: v.linkedin.trim() } : {}) },
  };
}

function ListInputs({
  form,
  field,
  label,
  type,
}: {
  form: ReturnType<typeof useForm<FormValues>>;
  field: 'emails' | 'phones';
  label: string;
  type: 'email' | 'tel';
}) {
  const { t } = useTranslation();
  const values = form.values[field];
  return (
    <Stack gap={6}>
      {values.map((_, i) => (
        <Group key={`${field}-${i.toString()}`} gap={6} wrap="nowrap" align="flex-end">
          <TextInput
            flex={1}
            type={type}
            label={i === 0 ? label : undefined}
            aria-label={`${label} ${i + 1}`}
            description={i === 0 && values.length > 1 ? t('contactDetail.primaryFirst') : undefined}
            {...form.getInputProps(`${field}.${i}`)}
          />
          {values.length > 1 && (
            <Tooltip label={t('common.remove')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                mb={4}
                aria-label={t('common.remove')}
                onClick={() => form.removeListItem(field, i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      <Button
        variant="subtle"
        size="compact-xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => form.insertListItem(field, '')}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('contactDetail.addAnother')}
      </Button>
    </Stack>
  );
}

export function ContactDetailsCard({
  contact,
  save,
}: {
  contact: Contact;
  save: (patch: ContactPatch) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const [editing, setEditing] = useState(false);
  const form = useForm<FormValues>({ initialValues: toForm(contact) });
  const mutation = useMutation({
    mutationFn: (v: FormValues) => save(toPatch(v, contact)),
    meta: { silentError: true },
    onSuccess: () => {
      setEditing(false);
      notifySuccess(t('common.saved'));
    },
    onError: (err) => applyFormErrors(form, err, undefined, { 'social.linkedin': 'linkedin', social: 'linkedin' }),
  });
  const owner = members.data?.find((m) => m.userId === contact.ownerId);
  const addressLine = formatAddress(contact.address);

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
              form.setValues(toForm(contact));
              form.resetDirty(toForm(contact));
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
            <SimpleGrid cols={2} spacing="sm">
              <TextInput label={t('contacts.fields.firstName')} data-autofocus {...form.getInputProps('firstName')} />
              <TextInput label={t('contacts.fields.lastName')} {...form.getInputProps('lastName')} />
            </SimpleGrid>
            <ListInputs form={form} field="emails" label={t('contacts.fields.emails')} type="email" />
            <ListInputs form={form} field="phones" label={t('contacts.fields.phones')} type="tel" />
            <TextInput label={t('contacts.fields.title')} {...form.getInputProps('title')} />
            <TextInput
              label={t('contacts.fields.company')}
              description={t('contacts.companyHint')}
              {...form.getInputProps('companyName')}
            />
            <Select
              label={t('contacts.fields.owner')}
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              clearable
              {...form.getInputProps('ownerId')}
            />
            <TagsInput label={t('contacts.fields.tags')} {...form.getInputProps('tags')} />
            <TextInput label={t('contacts.fields.website')} {...form.getInputProps('website')} />
            <TextInput label={t('contacts.fields.linkedin')} {...form.getInputProps('linkedin')} />
            <TextInput
              label={t('contacts.fields.language')}
              placeholder="en, nl, ro…"
              {...form.getInputProps('language')}
            />
            <AddressFields inputProps={form.getInputProps} countryHint={t('contacts.countryHint')} />
            <FormActions onCancel={() => setEditing(false)} saving={mutation.isPending} />
          </Stack>
        </form>
      ) : (
        <Stack gap={10}>
          <Row label={t('contacts.fields.emails')}>
            {contact.emails.length > 0 && (
              <Stack gap={2}>
                {contact.emails.map((e) => (
                  <Anchor key={e} href={`mailto:${e}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {e}
                  </Anchor>
                ))}
              </Stack>
            )}
          </Row>
          <Row label={t('contacts.fields.phones')}>
            {contact.phones.length > 0 && (
              <Stack gap={2}>
                {contact.phones.map((p) => (
                  <Anchor key={p} href={`tel:${p}`} size="sm">
                    <bdi dir="ltr">{p}</bdi>
                  </Anchor>
                ))}
              </Stack>
            )}
          </Row>
          <Row label={t('contacts.fields.company')}>
            {contact.companyName &&
              (contact.companyId ? (
                <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
                  {contact.companyName}
                </Anchor>
              ) : (
                <Text size="sm">{contact.companyName}</Text>
              ))}
          </Row>
          <Row label={t('contacts.fields.owner')}>{owner && <Text size="sm">{owner.name || owner.email}</Text>}</Row>
          <Row label={t('contacts.fields.tags')}>
            {contact.tags.length > 0 && <TagList tags={contact.tags} max={12} />}
          </Row>
          <Row label={t('contacts.fields.address')}>{addressLine && <Text size="sm">{addressLine}</Text>}</Row>
          <Row label={t('contacts.fields.website')}>
            {contact.website && (
              <Anchor href={contact.website} target="_blank" rel="noreferrer" size="sm">
                {contact.website}
              </Anchor>
            )}
          </Row>
          {Object.entries(contact.social).map(([k, v]) => (
            <Row key={k} label={k}>
              <Anchor href={v} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                {v}
              </Anchor>
            </Row>
          ))}
          <Row label={t('contacts.fields.language')}>
            {contact.language && <Text size="sm">{contact.language}</Text>}
          </Row>
        </Stack>
      )}
    </Card>
  );
}
