import { List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { i18n } from '../i18n/index.ts';
import { ApiError, type FieldError, type Problem } from './api.ts';

export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return { status: 0, code: 'CLIENT', detail: err instanceof Error ? err.message : String(err) };
}

/** `body.address.city` → `address.city`; `query.cursor` stays as it is (it names no form field). */
export const formPath = (field: string): string => field.replace(/^body\.?/, '');

/** Shows the problem's detail and each offending field, the way the server named it. */
export function notifyError(err: unknown, title?: string): void {
  const p = problemOf(err);
  const errors = p.errors ?? [];
  const message: ReactNode = (
    <>
      <Text size="sm">{p.detail}</Text>
      {errors.length > 0 && (
        <List size="sm" mt={4}>
          {errors.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>
              <b>{formPath(e.field) || e.field}</b>: {e.message}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
  notifications.show({
    color: 'red',
    title: title ?? i18n.t('errors.title'),
    message,
    autoClose: errors.length ? 10_000 : 6_000,
    withBorder: true,
  });
}

type FormLike = {
  setErrors: (errors: Record<string, ReactNode>) => void;
  values: unknown;
};

function hasPath(values: unknown, path: string): boolean {
  let cur: unknown = values;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return false;
    if (!(part in cur)) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Puts each `errors[]` entry under the form field it names (`body.email` → the email input). Whatever names no field
 * of this form is shown in a notification, so nothing the server said gets lost.
 */
export function applyFormErrors(
  form: FormLike,
  err: unknown,
  title?: string,
  aliases: Record<string, string> = {},
): void {
  const p = problemOf(err);
  const onForm: Record<string, ReactNode> = {};
  const rest: FieldError[] = [];
  for (const e of p.errors ?? []) {
    const raw = formPath(e.field);
    const head = raw.split('.')[0] ?? '';
    // The API's `emails.0` is the form's single `email` input, and the like.
    const path = aliases[raw] ?? aliases[head] ?? raw;
    // An error on `emails.1` belongs to the `emails` field when the form keeps the list as one input.
    const first = path.split('.')[0] ?? '';
    const target = hasPath(form.values, path) ? path : hasPath(form.values, first) ? first : null;
    if (target) onForm[target] = onForm[target] ? `${onForm[target]}; ${e.message}` : e.message;
    else rest.push(e);
  }
  form.setErrors(onForm);
  // Take the keyboard to the first field to fix (Mantine marks invalid inputs with data-error).
  if (Object.keys(onForm).length)
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLElement>('input[data-error], textarea[data-error]');
      el?.focus();
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    });
  if (!Object.keys(onForm).length || rest.length) {
    notifyError(new ApiError({ ...p, ...(rest.length ? { errors: rest } : { errors: [] }) }), title);
  }
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
