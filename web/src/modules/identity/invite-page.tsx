import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../lib/api.ts';
import { applyFormErrors } from '../../lib/errors.tsx';
import { AuthLayout } from './auth-layout.tsx';

/**
 * Accepting an invitation: a new address sets a password (and name); an existing account that is signed in
 * just joins. The server decides which applies, so both fields are offered and optional.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: { name: '', password: '' } });
  const accept = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post(
        '/invitations/accept',
        { token, ...(v.name.trim() ? { name: v.name.trim() } : {}), ...(v.password ? { password: v.password } : {}) },
        { quietAuth: true },
      ),
    meta: { silentError: true },
    onSuccess: async () => {
      qc.clear();
      navigate('/contacts', { replace: true });
    },
    onError: (err) => applyFormErrors(form, err, t('invite.failed')),
  });
  return (
    <AuthLayout title={t('invite.title')} subtitle={t('invite.subtitle')}>
      <form onSubmit={form.onSubmit((v) => accept.mutate(v))} noValidate>
        <Stack>
          <Alert variant="light" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">{t('invite.explain')}</Text>
          </Alert>
          <TextInput label={t('setup.name')} autoComplete="name" autoFocus {...form.getInputProps('name')} />
          <PasswordInput
            label={t('auth.password')}
            description={t('invite.passwordHint')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth mt="sm">
            {t('invite.accept')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
