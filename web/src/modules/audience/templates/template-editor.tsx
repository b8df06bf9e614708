import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Menu,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBraces,
  IconDeviceDesktop,
  IconDeviceMobile,
  IconRefresh,
  IconSend,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { formPath, problemOf } from '../../../lib/errors.tsx';
import { ContactPicker } from '../../crm/contacts/contact-picker.tsx';
import { EmailFrame } from './email-frame.tsx';
import { TestSendModal } from './test-send-modal.tsx';
import type { TemplatePreview } from './types.ts';

/** What the editor edits. Campaigns and flows keep the same three fields for their own emails. */
export type TemplateEditorValue = { subject: string; preheader: string | null; mjml: string };

export type TemplateEditorProps = {
  value: TemplateEditorValue;
  onChange: (value: TemplateEditorValue) => void;
  /** Server field errors to show under the inputs (from a failed save): keys subject, preheader, mjml. */
  errors?: Partial<Record<keyof TemplateEditorValue, string>>;
  readOnly?: boolean;
  /** Height of the code area and the preview, in pixels. */
  height?: number;
};

/** The variables personalisation offers (src/modules/audience/sending/personalise.ts), as they are typed. */
export const TEMPLATE_VARIABLES = [
  '{{ contact.first_name | default: "there" }}',
  '{{ contact.last_name }}',
  '{{ contact.name }}',
  '{{ contact.email }}',
  '{{ contact.company }}',
  '{{ contact.custom.your_field }}',
  '{{ workspace.name }}',
  '{{ workspace.address }}',
  '{{ unsubscribe_url }}',
  '{{ preferences_url }}',
  '{{ view_url }}',
] as const;

type Field = keyof TemplateEditorValue;
const INDENT = '  ';

/**
 * The email editor: subject, preheader and MJML source on one side, a live preview (debounced, rendered by the server
 * for a chosen contact of the workspace or a sample one) on the other, in a sandboxed iframe. Reused by campaigns and
 * flows: keep the props stable.
 */
export function TemplateEditor({ value, onChange, errors, readOnly = false, height = 620 }: TemplateEditorProps) {
  const { t } = useTranslation();
  const [contactId, setContactId] = useState<string | null>(null);
  const [contactLabel, setContactLabel] = useState<string | null>(null);
  const [device, setDevice] = useState<'desktop' | 'mobile'>('desktop');
  const [tab, setTab] = useState<string | null>('html');
  const [testing, testModal] = useDisclosure(false);
  const code = useRef<HTMLTextAreaElement>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastFocused = useRef<Field>('mjml');
  const pendingSelection = useRef<{ field: Field; at: number; end?: number } | null>(null);
  // Tab indents inside the code; Esc lets the next Tab leave the field, so the keyboard is never trapped.
  const [tabLeaves, setTabLeaves] = useState(false);

  const [debounced] = useDebouncedValue(value, 450);
  const preview = useQuery({
    queryKey: ['templates', 'preview', debounced, contactId],
    queryFn: ({ signal }) =>
      api.post<TemplatePreview>(
        '/templates/preview',
        {
          subject: debounced.subject,
          preheader: debounced.preheader || null,
          mjml: debounced.mjml,
          ...(contactId ? { contactId } : {}),
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
    retry: false,
    enabled: debounced.mjml.trim().length > 0,
    staleTime: 60_000,
  });
  // While the source does not compile, the last good rendering stays on screen under the error.
  const lastGood = useRef<TemplatePreview | null>(null);
  if (preview.data && !preview.isError) lastGood.current = preview.data;
  const shown = preview.isError ? lastGood.current : (preview.data ?? lastGood.current);
  const problem = preview.isError ? problemOf(preview.error) : null;

  useEffect(() => {
    const p = pendingSelection.current;
    if (!p) return;
    pendingSelection.current = null;
    const el = inputs.current[p.field];
    if (el) {
      el.focus();
      el.setSelectionRange(p.at, p.end ?? p.at);
    }
  });

  const set = (field: Field, v: string) => onChange({ ...value, [field]: field === 'preheader' ? v || null : v });

  function insertVariable(text: string) {
    const field = lastFocused.current;
    const el = inputs.current[field];
    const current = (field === 'preheader' ? (value.preheader ?? '') : value[field]) as string;
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    set(field, current.slice(0, start) + text + current.slice(end));
    pendingSelection.current = { field, at: start + text.length };
  }

  function onCodeKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') {
      setTabLeaves(true);
      return;
    }
    if (e.key !== 'Tab' || tabLeaves || e.ctrlKey || e.metaKey || e.altKey || readOnly) return;
    e.preventDefault();
    const el = e.currentTarget;
    const src = el.value;
    const start = el.selectionStart;
    const end = el.selectionEnd;
    const lineStart = src.lastIndexOf('\n', start - 1) + 1;
    if (e.shiftKey) {
      // Outdent the lines the selection touches.
      const block = src.slice(lineStart, end);
      const lines = block.split('\n');
      let removedFirst = 0;
      let removed = 0;
      const out = lines.map((line, i) => {
        const n = line.startsWith(INDENT) ? INDENT.length : line.startsWith(' ') ? 1 : 0;
        if (i === 0) removedFirst = n;
        removed += n;
        return line.slice(n);
      });
      set('mjml', src.slice(0, lineStart) + out.join('\n') + src.slice(end));
      pendingSelection.current = {
        field: 'mjml',
        at: Math.max(lineStart, start - removedFirst),
        end: Math.max(lineStart, end - removed),
      };
      return;
    }
    if (start !== end && src.slice(start, end).includes('\n')) {
      // Indent every selected line.
      const block = src.slice(lineStart, end);
      const lines = block.split('\n');
      set('mjml', src.slice(0, lineStart) + lines.map((l) => INDENT + l).join('\n') + src.slice(end));
      pendingSelection.current = {
        field: 'mjml',
        at: start + INDENT.length,
        end: end + INDENT.length * lines.length,
      };
      return;
    }
    set('mjml', src.slice(0, start) + INDENT + src.slice(end));
    pendingSelection.current = { field: 'mjml', at: start + INDENT.length };
  }

  const fieldError = (f: Field) =>
    errors?.[f] ??
    problem?.errors
      ?.filter((e) => formPath(e.field) === f)
      .map((e) => e.message)
      .join('; ');
  const mjmlErrors = problem?.errors?.filter((e) => formPath(e.field) === 'mjml') ?? [];

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="sm">
          <TextInput
            label={t('audTemplates.editor.subject')}
            placeholder={t('audTemplates.editor.subjectPlaceholder')}
            value={value.subject}
            readOnly={readOnly}
            onChange={(e) => set('subject', e.currentTarget.value)}
            onFocus={() => {
              lastFocused.current = 'subject';
            }}
            ref={(el) => {
              inputs.current.subject = el;
            }}
            error={fieldError('subject')}
            maxLength={500}
          />
          <TextInput
            label={t('audTemplates.editor.preheader')}
            description={t('audTemplates.editor.preheaderHint')}
            value={value.preheader ?? ''}
            readOnly={readOnly}
            onChange={(e) => set('preheader', e.currentTarget.value)}
            onFocus={() => {
              lastFocused.current = 'preheader';
            }}
            ref={(el) => {
              inputs.current.preheader = el;
            }}
            error={fieldError('preheader')}
            maxLength={500}
          />
          <Group justify="space-between" align="flex-end" gap="xs">
            <Text component="label" htmlFor="template-mjml" size="sm" fw={500}>
              {t('audTemplates.editor.mjml')}
            </Text>
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button size="compact-sm" variant="light" leftSection={<IconBraces size={14} />} disabled={readOnly}>
                  {t('audTemplates.editor.insertVariable')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('audTemplates.editor.insertVariableHint')}</Menu.Label>
                {TEMPLATE_VARIABLES.map((v) => (
                  <Menu.Item key={v} onClick={() => insertVariable(v)} ff="monospace" fz="xs">
                    {v}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
          <Textarea
            id="template-mjml"
            ref={(el) => {
              code.current = el;
              inputs.current.mjml = el;
            }}
            value={value.mjml}
            readOnly={readOnly}
            onChange={(e) => set('mjml', e.currentTarget.value)}
            onKeyDown={onCodeKeyDown}
            onFocus={() => {
              lastFocused.current = 'mjml';
              setTabLeaves(false);
            }}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            aria-describedby="template-mjml-hint"
            error={errors?.mjml ?? (mjmlErrors.length > 0 ? ' ' : undefined)}
            styles={{
              input: {
                fontFamily: 'var(--mantine-font-family-monospace)',
                fontSize: 13,
                lineHeight: 1.5,
                blockSize: height,
                whiteSpace: 'pre',
                overflowWrap: 'normal',
                overflowX: 'auto',
                tabSize: 2,
                direction: 'ltr',
                textAlign: 'left',
              },
            }}
          />
          <Text id="template-mjml-hint" size="xs" c="dimmed">
            {t('audTemplates.editor.keyboardHint')}
          </Text>
        </Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <ContactPicker
              value={contactId}
              initialLabel={contactLabel}
              onChange={(id, c) => {
                setContactId(id);
                setContactLabel(c ? [c.name, c.emails[0]].filter(Boolean).join(' · ') : null);
              }}
              placeholder={t('audTemplates.editor.previewAsSample')}
              aria-label={t('audTemplates.editor.previewAs')}
              style={{ flex: 1, minInlineSize: 200 }}
              size="sm"
            />
            <SegmentedControl
              size="sm"
              value={device}
              onChange={(v) => setDevice(v as 'desktop' | 'mobile')}
              aria-label={t('audTemplates.editor.device')}
              data={[
                {
                  value: 'desktop',
                  label: (
                    <Tooltip label={t('audTemplates.editor.desktop')}>
                      <IconDeviceDesktop size={16} aria-label={t('audTemplates.editor.desktop')} />
                    </Tooltip>
                  ),
                },
                {
                  value: 'mobile',
                  label: (
                    <Tooltip label={t('audTemplates.editor.mobile')}>
                      <IconDeviceMobile size={16} aria-label={t('audTemplates.editor.mobile')} />
                    </Tooltip>
                  ),
                },
              ]}
            />
            <Button
              size="sm"
              variant="default"
              leftSection={<IconSend size={16} />}
              onClick={testModal.open}
              disabled={!value.mjml.trim()}
            >
              {t('audTemplates.editor.sendTest')}
            </Button>
          </Group>

          {problem && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title={problem.detail} role="alert">
              {(problem.errors?.length ?? 0) > 0 ? (
                <List size="sm" spacing={2}>
                  {(problem.errors ?? []).map((e) => (
                    <List.Item key={`${e.field}:${e.message}`} ff="monospace" fz="xs">
                      {formPath(e.field)}: {e.message}
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </Alert>
          )}
          {shown && shown.warnings.length > 0 && !problem && (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('audTemplates.editor.warnings')}>
              <List size="sm" spacing={2}>
                {shown.warnings.map((w) => (
                  <List.Item key={`${w.field}:${w.message}`}>{w.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}

          <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
            <Group
              justify="space-between"
              px="sm"
              py={6}
              gap="xs"
              style={{ borderBlockEnd: '1px solid var(--mantine-color-default-border)' }}
            >
              <Stack gap={0} style={{ minInlineSize: 0, flex: 1 }}>
                <Text size="sm" fw={600} truncate="end" dir="auto">
                  {shown?.subject || t('audTemplates.editor.noSubject')}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {shown
                    ? t('audTemplates.editor.to', {
                        name: shown.contact.name || shown.contact.email,
                        email: shown.contact.email,
                      })
                    : ' '}
                  {shown?.contact.sample ? ` · ${t('audTemplates.editor.sampleContact')}` : ''}
                </Text>
              </Stack>
              {preview.isFetching ? (
                <Badge variant="light" leftSection={<IconRefresh size={12} />}>
                  {t('audTemplates.editor.updating')}
                </Badge>
              ) : null}
            </Group>
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List px="sm">
                <Tabs.Tab value="html">{t('audTemplates.editor.htmlTab')}</Tabs.Tab>
                <Tabs.Tab value="text">{t('audTemplates.editor.textTab')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html">
                <ScrollArea type="auto" bg="var(--mantine-color-gray-1)">
                  {shown ? (
                    <EmailFrame
                      html={shown.html}
                      title={t('audTemplates.editor.previewTitle')}
                      width={device === 'mobile' ? 375 : '100%'}
                      height={height}
                      mx="auto"
                      w={device === 'mobile' ? 375 : '100%'}
                    />
                  ) : (
                    <Text c="dimmed" size="sm" p="lg" ta="center">
                      {value.mjml.trim() ? t('common.loading') : t('audTemplates.editor.emptySource')}
                    </Text>
                  )}
                </ScrollArea>
              </Tabs.Panel>
              <Tabs.Panel value="text">
                <ScrollArea h={height} type="auto">
                  <Text
                    component="pre"
                    size="sm"
                    p="md"
                    m={0}
                    ff="monospace"
                    style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                    dir="auto"
                  >
                    {shown?.text ?? ''}
                  </Text>
                </ScrollArea>
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Stack>
      </Grid.Col>
      <TestSendModal
        opened={testing}
        onClose={testModal.close}
        source={value}
        contactId={contactId}
        contactLabel={contactLabel}
      />
    </Grid>
  );
}
