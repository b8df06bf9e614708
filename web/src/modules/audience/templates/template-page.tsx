import { Badge, Button, Group, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { formPath, notifyError, problemOf } from '../../../lib/errors.tsx';
import { templateKeys } from './queries.ts';
import { TemplateEditor, type TemplateEditorValue } from './template-editor.tsx';
import type { EmailTemplate } from './types.ts';

type Draft = TemplateEditorValue & { name: string };

const draftOf = (t: EmailTemplate): Draft => ({
  name: t.name,
  subject: t.subject,
  preheader: t.preheader,
  mjml: t.mjml,
});

export function TemplatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const template = useQuery({
    queryKey: templateKeys.one(id),
    queryFn: () => api.get<EmailTemplate>(`/templates/${id}`),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  useEffect(() => {
    if (template.data && !draft) setDraft(draftOf(template.data));
  }, [template.data, draft]);

  const saved = template.data ? draftOf(template.data) : null;
  const dirty =
    !!draft &&
    !!saved &&
    (draft.name !== saved.name ||
      draft.subject !== saved.subject ||
      (draft.preheader ?? '') !== (saved.preheader ?? '') ||
      draft.mjml !== saved.mjml);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (d: Draft) =>
      api.patch<EmailTemplate>(`/templates/${id}`, {
        name: d.name,
        subject: d.subject,
        preheader: d.preheader || null,
        mjml: d.mjml,
      }),
    onSuccess: (tpl) => {
      setErrors({});
      qc.setQueryData(templateKeys.one(id), tpl);
      void qc.invalidateQueries({ queryKey: templateKeys.list });
      notifications.show({ color: 'teal', message: t('common.saved'), autoClose: 2000 });
    },
    onError: (e) => {
      const p = problemOf(e);
      const next: Partial<Record<keyof Draft, string>> = {};
      for (const err of p.errors ?? []) {
        const f = formPath(err.field) as keyof Draft;
        if (f in (draft ?? {})) next[f] = next[f] ? `${next[f]}; ${err.message}` : err.message;
      }
      setErrors(next);
      notifyError(e, t('audTemplates.page.saveFailed'));
    },
  });
  const doSave = () => {
    if (draft && dirty && !save.isPending) save.mutate(draft);
  };
  useHotkeys([['mod+s', doSave]], [], true);

  if (template.isPending || (!draft && !template.isError)) return <PageLoader />;
  if (template.isError || !draft) return <QueryError error={template.error} onRetry={() => template.refetch()} />;

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audTemplates.title'), to: '/audience/templates' }]}
        title={
          <TextInput
            aria-label={t('audTemplates.page.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={errors.name}
            size="lg"
            variant="unstyled"
            fw={700}
            styles={{ input: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700 } }}
            maxLength={200}
          />
        }
        actions={
          <Group gap="sm">
            {dirty ? (
              <Badge color="yellow" variant="light">
                {t('audTemplates.page.unsaved')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                {t('common.saved')}
              </Badge>
            )}
            {template.data?.marketingReady === false && (
              <Badge color="yellow" variant="outline">
                {t('audTemplates.list.notMarketingReady')}
              </Badge>
            )}
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={doSave}
              loading={save.isPending}
              disabled={!dirty}
              title={t('audTemplates.page.saveShortcut')}
            >
              {t('common.save')}
            </Button>
          </Group>
        }
      />
      <TemplateEditor
        value={draft}
        onChange={(v) => setDraft({ ...draft, ...v })}
        errors={{
          ...(errors.subject ? { subject: errors.subject } : {}),
          ...(errors.preheader ? { preheader: errors.preheader } : {}),
          ...(errors.mjml ? { mjml: errors.mjml } : {}),
        }}
      />
    </>
  );
}
