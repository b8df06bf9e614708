import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/index.ts';
import { LANGUAGES, type LanguageCode, languageOf } from '../i18n/languages.ts';

export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('user.language')}
      label={compact ? undefined : t('preferences.language')}
      description={compact ? undefined : t('preferences.languageHint')}
      leftSection={<IconLanguage size={16} />}
      w={compact ? 170 : 320}
      size={compact ? 'xs' : 'sm'}
      allowDeselect={false}
      value={languageOf(i18n.language).code}
      data={LANGUAGES.map((l) => ({
        value: l.code,
        label: l.translated ? l.nativeName : `${l.nativeName} (${l.englishName}, ${t('preferences.rtlPreview')})`,
      }))}
      onChange={(v) => v && void changeLanguage(v as LanguageCode)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
