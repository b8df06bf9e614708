import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { PageLoader } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { applyFormErrors } from '../../lib/errors.tsx';
import { setupQuery } from '../../lib/session.tsx';
import type { Me } from '../../lib/types.ts';
import { AuthLayout } from './auth-layout.tsx';

export function SetupPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const status = useQuery(setupQuery);
  const form = useForm({
    initialValues: { name: '', email: '', password: '', workspace: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
      password: (v) => (v.length >= 8 ? null : t('validation.passwordLength', { count: 8 })),
      workspace: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const setup = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<Me>('/setup', { ...v, name: v.name.trim() || undefined }, { quietAuth: true }),
    meta: { silentError: true },
    onSuccess: (me) => {
      qc.setQueryData(['setup'], { needsSetup: false });
      qc.setQueryData(['me'], me);
      navigate('/contacts', { replace: true });
    },
    onError: (err) => applyFormErrors(form, err),
  });

  if (status.isPending) return <PageLoader />;
  if (status.data && !status.data.needsSetup && !setup.isSuccess) return <Navigate to="/login" replace />;

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form onSubmit={form.onSubmit((v) => setup.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('setup.workspace')}
            description={t('setup.workspaceHint')}
            placeholder={t('workspace.namePlaceholder')}
            required
            autoFocus
            {...form.getInputProps('workspace')}
          />
          <TextInput label={t('setup.name')} autoComplete="name" {...form.getInputProps('name')} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('setup.passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={setup.isPending} fullWidth mt="sm">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
