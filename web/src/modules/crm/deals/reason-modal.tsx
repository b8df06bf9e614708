import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageKind } from '../types.ts';

const WON = ['price', 'quality', 'relationship', 'speed', 'referral'] as const;
const LOST = ['price', 'competitor', 'timing', 'noBudget', 'noResponse', 'notAFit'] as const;

/** Closing a deal asks why: the reasons are what the numbers later explain. */
export function ReasonModal({
  kind,
  dealTitle,
  opened,
  onSubmit,
  onCancel,
}: {
  kind: StageKind;
  dealTitle: string;
  opened: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const suggestions = (kind === 'won' ? WON : LOST).map((r) =>
    kind === 'won'
      ? t(`deals.reasons.won.${r as (typeof WON)[number]}`)
      : t(`deals.reasons.lost.${r as (typeof LOST)[number]}`),
  );
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setReason('');
        onCancel();
      }}
      title={kind === 'won' ? t('deals.wonTitle') : t('deals.lostTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          onSubmit(reason.trim());
          setReason('');
        }}
      >
        <Stack>
          <Text size="sm">{t(kind === 'won' ? 'deals.wonAsk' : 'deals.lostAsk', { title: dealTitle })}</Text>
          <TextInput
            label={t('deals.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            data-autofocus
          />
          {/* Quick picks instead of a dropdown, so nothing covers the buttons. */}
          <Group gap={6}>
            {suggestions.map((r) => (
              <Button
                key={r}
                size="compact-xs"
                radius="xl"
                variant={reason === r ? 'filled' : 'light'}
                color={kind === 'won' ? 'green' : 'red'}
                onClick={() => setReason(r)}
              >
                {r}
              </Button>
            ))}
          </Group>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setReason('');
                onCancel();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={kind === 'won' ? 'green' : 'red'} disabled={!reason.trim()}>
              {kind === 'won' ? t('deals.markWon') : t('deals.markLost')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
