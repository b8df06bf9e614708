import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../lib/api.ts';
import { applyFormErrors, problemOf } from '../../lib/errors.tsx';
import { setupQuery } from '../../lib/session.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const status = useQuery(setupQuery);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  const signIn = useMutation({
    mutationFn: (v: typeof form.values) => api.post('/auth/sign-in', v, { quietAuth: true }),
    meta: { silentError: true },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] });
      navigate(from && from !== '/login' ? from : '/contacts', { replace: true });
    },
    // The message shows in the form itself; only field errors go onto the fields.
    onError: (err) => {
      if (problemOf(err).errors?.length) applyFormErrors(form, err, t('auth.signInFailed'));
    },
  });

  if (status.data?.needsSetup) return <Navigate to="/setup" replace />;

  return (
    <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <form onSubmit={form.onSubmit((v) => signIn.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          {signIn.isError && !problemOf(signIn.error).errors?.length && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {problemOf(signIn.error).detail}
            </Alert>
          )}
          <Button type="submit" loading={signIn.isPending} fullWidth mt="sm">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
