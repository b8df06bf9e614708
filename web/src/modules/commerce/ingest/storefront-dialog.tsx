import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors } from '../../../lib/errors.tsx';
import { ingestKeys, type Platform, type Storefront, type StorefrontWithSecret } from './api.ts';
import { CopyField } from './copy-field.tsx';

type Values = { name: string; platform: Platform; secret: string; shopDomain: string };

/** Connect a storefront (or edit one); after connecting, the URL and secret to paste into the shop. */
export function StorefrontDialog({
  opened,
  onClose,
  editing,
}: {
  opened: boolean;
  onClose: () => void;
  editing?: Storefront | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [connected, setConnected] = useState<StorefrontWithSecret | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: editing?.name ?? '',
      platform: editing?.platform ?? 'shopify',
      secret: '',
      shopDomain: editing?.shopDomain ?? '',
    },
  });
  const close = () => {
    form.reset();
    setConnected(null);
    onClose();
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const shopDomain = v.shopDomain.trim();
      if (editing)
        return api.patch<StorefrontWithSecret>(`/storefronts/${editing.id}`, {
          name: v.name,
          ...(v.secret ? { secret: v.secret } : {}),
          ...(shopDomain !== (editing.shopDomain ?? '') ? { shopDomain: shopDomain || null } : {}),
        });
      return api.post<StorefrontWithSecret>('/storefronts', {
        name: v.name,
        platform: v.platform,
        ...(v.secret ? { secret: v.secret } : {}),
        ...(shopDomain ? { shopDomain } : {}),
      });
    },
    meta: { silentError: true },
    onSuccess: async (sf) => {
      await qc.invalidateQueries({ queryKey: ingestKeys.storefronts });
      if (editing) close();
      else setConnected(sf);
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const platform = editing?.platform ?? form.values.platform;

  if (connected)
    return (
      <Modal opened={opened} onClose={close} title={t('comIngest.setup.title')} size="lg">
        <Stack>
          <CopyField label={t('comIngest.card.webhookUrl')} value={connected.webhookUrl} />
          <CopyField label={t('comIngest.card.secret')} value={connected.secret} secret />
          <Alert variant="light">
            <Text size="sm">{t(`comIngest.setup.${connected.platform}`)}</Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>
              {t('comIngest.setup.done')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );

  return (
    <Modal opened={opened} onClose={close} title={editing ? editing.name : t('comIngest.connect')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput
            label={t('comIngest.form.name')}
            placeholder={t('comIngest.form.namePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          {!editing && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="storefront-platform">
                {t('comIngest.form.platform')}
              </Text>
              <SegmentedControl
                aria-labelledby="storefront-platform"
                data={[
                  { value: 'shopify', label: t('comIngest.platforms.shopify') },
                  { value: 'woocommerce', label: t('comIngest.platforms.woocommerce') },
                ]}
                {...form.getInputProps('platform')}
              />
            </Stack>
          )}
          <PasswordInput
            label={editing ? t('comIngest.form.newSecret') : t('comIngest.form.secret')}
            description={
              editing
                ? t('comIngest.form.newSecretHint')
                : platform === 'shopify'
                  ? t('comIngest.form.secretShopify')
                  : t('comIngest.form.secretWoo')
            }
            required={!editing && platform === 'shopify'}
            autoComplete="off"
            {...form.getInputProps('secret')}
          />
          <TextInput
            label={t('comIngest.form.shopDomain')}
            placeholder={t('comIngest.form.shopDomainPlaceholder')}
            description={
              platform === 'shopify' ? t('comIngest.form.shopDomainShopify') : t('comIngest.form.shopDomainWoo')
            }
            required={platform === 'woocommerce'}
            dir="ltr"
            {...form.getInputProps('shopDomain')}
          />
          {editing && (
            <Text size="xs" c="dimmed">
              <Code>{editing.webhookUrl}</Code>
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('comIngest.form.save') : t('comIngest.form.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
