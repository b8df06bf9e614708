import { ActionIcon, CopyButton, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A read-only value with a copy button; a secret is masked until copied or shown by its parent. */
export function CopyField({ label, value, secret }: { label: string; value: string; secret?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      type={secret ? 'password' : 'text'}
      onFocus={(e) => e.currentTarget.select()}
      // The field keeps the page's direction (so the copy button sits at its end in right-to-left too); the URL or
      // secret inside reads left to right by its own characters.
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', unicodeBidi: 'plaintext' } }}
      rightSection={
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('comIngest.card.copied') : t('comIngest.card.copy')} withArrow>
              <ActionIcon variant="subtle" onClick={copy} aria-label={`${t('comIngest.card.copy')} ${label}`}>
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      }
    />
  );
}
