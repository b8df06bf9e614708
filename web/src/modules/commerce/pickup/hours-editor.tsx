import { ActionIcon, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkDay,
  formatOpeningHours,
  HoursSyntaxError,
  type OpeningHours,
  parseOpeningHours,
  WEEKDAYS,
} from '../../../../../src/modules/commerce/pickup/opening-hours.ts';
import type { HoursException, TimeRange, Weekday } from './types.ts';

/** `09:00-12:00, 13:00-18:00` ↔ ranges; null when the text is not such a list. */
function parseRangesText(text: string): TimeRange[] | null {
  if (!text.trim()) return [];
  try {
    const weekly = parseOpeningHours(`Mo ${text}`).weekly;
    return weekly.mo ?? [];
  } catch {
    return null;
  }
}
const rangesText = (rs: TimeRange[]) => rs.map((r) => `${r.from}-${r.to}`).join(', ');

/**
 * Opening hours: one line per weekday (several ranges, "past midnight" allowed), dated exceptions, and the compact
 * text form (`Mo-Fr 09:00-18:00; Sa 10:00-14:00; 2026-12-25 off`) kept in step both ways. Parsing and formatting are
 * the server's own functions, so what is shown here is what will be stored.
 */
export function HoursEditor({ value, onChange }: { value: OpeningHours; onChange: (v: OpeningHours) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatOpeningHours(value));
  const [textError, setTextError] = useState<string | null>(null);
  const [dayTexts, setDayTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(value.weekly[d] ?? [])])),
  );
  useEffect(() => {
    setText(formatOpeningHours(value));
    setDayTexts(Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(value.weekly[d] ?? [])])));
  }, [value]);

  const setDay = (d: Weekday, raw: string) => {
    setDayTexts((x) => ({ ...x, [d]: raw }));
    const ranges = parseRangesText(raw);
    if (ranges === null || checkDay(ranges)) return;
    const weekly = { ...value.weekly };
    if (ranges.length) weekly[d] = ranges;
    else delete weekly[d];
    onChange({ ...value, weekly });
  };
  const dayError = (d: Weekday) => {
    const ranges = parseRangesText(dayTexts[d] ?? '');
    if (ranges === null) return t('comPickup.hours.rangeFormat');
    return checkDay(ranges);
  };
  const applyText = () => {
    try {
      onChange(parseOpeningHours(text));
      setTextError(null);
    } catch (err) {
      setTextError(err instanceof HoursSyntaxError ? err.message : String(err));
    }
  };
  const copyMonday = () => {
    const mo = value.weekly.mo ?? [];
    const weekly = { ...value.weekly };
    for (const d of ['tu', 'we', 'th', 'fr'] as const) {
      if (mo.length) weekly[d] = mo.map((r) => ({ ...r }));
      else delete weekly[d];
    }
    onChange({ ...value, weekly });
  };
  // Stable keys for the exception rows (their fields change as they are typed, and rows come and go).
  const keys = useRef<string[]>([]);
  const nextKey = useRef(0);
  while (keys.current.length < value.exceptions.length) keys.current.push(`x${nextKey.current++}`);
  if (keys.current.length > value.exceptions.length) keys.current.length = value.exceptions.length;
  const setException = (i: number, patch: Partial<HoursException>) =>
    onChange({ ...value, exceptions: value.exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)) });

  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('comPickup.hours.compact')}
          description={t('comPickup.hours.compactHelp')}
          value={text}
          error={textError}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              applyText();
            }
          }}
          dir="ltr"
        />
        <Button variant="default" onClick={applyText}>
          {t('comPickup.hours.apply')}
        </Button>
      </Group>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {WEEKDAYS.map((d) => (
            <Table.Tr key={d}>
              <Table.Td w={120}>
                <Text size="sm" fw={500}>
                  {t(`comPickup.days.${d}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t(`comPickup.days.${d}`)}
                  placeholder={t('comPickup.hours.closed')}
                  value={dayTexts[d] ?? ''}
                  error={dayError(d)}
                  onChange={(e) => setDay(d, e.currentTarget.value)}
                  dir="ltr"
                />
              </Table.Td>
              <Table.Td w={48}>
                {d === 'mo' && (
                  <ActionIcon
                    variant="subtle"
                    onClick={copyMonday}
                    aria-label={t('comPickup.hours.copyMonday')}
                    title={t('comPickup.hours.copyMonday')}
                  >
                    <IconCopy size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('comPickup.hours.dayHelp')}
      </Text>
      <Text fw={600} size="sm">
        {t('comPickup.hours.exceptions')}
      </Text>
      {value.exceptions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('comPickup.hours.noExceptions')}
        </Text>
      )}
      {value.exceptions.map((e, i) => (
        <Group key={keys.current[i]} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            type="date"
            label={t('comPickup.hours.from')}
            value={e.date}
            onChange={(ev) => setException(i, { date: ev.currentTarget.value })}
            required
          />
          <TextInput
            type="date"
            label={t('comPickup.hours.until')}
            value={e.until ?? ''}
            onChange={(ev) => setException(i, { until: ev.currentTarget.value || undefined })}
          />
          <Checkbox
            mb={8}
            label={t('comPickup.hours.closedAllDay')}
            checked={e.ranges.length === 0}
            onChange={(ev) =>
              setException(i, { ranges: ev.currentTarget.checked ? [] : [{ from: '10:00', to: '14:00' }] })
            }
          />
          {e.ranges.length > 0 && (
            <TextInput
              label={t('comPickup.hours.specialHours')}
              defaultValue={rangesText(e.ranges)}
              onBlur={(ev) => {
                const rs = parseRangesText(ev.currentTarget.value);
                if (rs && !checkDay(rs)) setException(i, { ranges: rs });
              }}
              dir="ltr"
            />
          )}
          <TextInput
            label={t('comPickup.hours.note')}
            value={e.note ?? ''}
            onChange={(ev) => setException(i, { note: ev.currentTarget.value || undefined })}
          />
          <ActionIcon
            mb={4}
            variant="subtle"
            color="red"
            aria-label={t('comPickup.hours.removeException')}
            onClick={() => {
              keys.current.splice(i, 1);
              onChange({ ...value, exceptions: value.exceptions.filter((_, j) => j !== i) });
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            onChange({
              ...value,
              exceptions: [...value.exceptions, { date: new Date().toISOString().slice(0, 10), ranges: [] }],
            })
          }
        >
          {t('comPickup.hours.addException')}
        </Button>
      </Group>
    </Stack>
  );
}
