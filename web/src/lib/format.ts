import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from './session.tsx';

const fractionDigitsCache = new Map<string, number>();

/** How many minor units a currency has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function minorDigits(currency: string): number {
  const cached = fractionDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  fractionDigitsCache.set(currency, digits);
  return digits;
}

export const toMinor = (major: number, currency: string): number => Math.round(major * 10 ** minorDigits(currency));
export const toMajor = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

export function formatMoney(minor: number, currency: string, locale: string, compact = false): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(toMajor(minor, currency));
  } catch {
    return `${toMajor(minor, currency)} ${currency}`;
  }
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: i === 0 ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(v);
}

/** Formatters in the UI language and the workspace's time zone (times are stored in UTC). */
export function useFormat() {
  const { i18n } = useTranslation();
  const workspace = useWorkspace();
  const locale = i18n.language;
  const timeZone = workspace?.timezone || undefined;
  return useMemo(() => {
    const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    const timeFmt = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const numberFmt = new Intl.NumberFormat(locale);
    const safe = (f: Intl.DateTimeFormat, iso: string | null | undefined) => {
      if (!iso) return '';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : f.format(d);
    };
    return {
      locale,
      timeZone,
      date: (iso: string | null | undefined) => safe(dateFmt, iso),
      dateTime: (iso: string | null | undefined) => safe(dateTimeFmt, iso),
      time: (iso: string | null | undefined) => safe(timeFmt, iso),
      number: (n: number) => numberFmt.format(n),
      money: (minor: number, currency: string, compact = false) => formatMoney(minor, currency, locale, compact),
      bytes: (n: number) => formatBytes(n, locale),
      relative: (iso: string | null | undefined) => {
        if (!iso) return '';
        const diff = (new Date(iso).getTime() - Date.now()) / 1000;
        const abs = Math.abs(diff);
        if (abs < 60) return rtf.format(Math.round(diff), 'second');
        if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
        if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
        if (abs < 86400 * 30) return rtf.format(Math.round(diff / 86400), 'day');
        return safe(dateFmt, iso);
      },
    };
  }, [locale, timeZone]);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
