import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../../components/language-picker.tsx';
import { languageOf } from '../../i18n/languages.ts';
import { Section } from './section.tsx';

export function PreferencesSettings() {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  return (
    <Section title={t('preferences.title')} description={t('preferences.description')}>
      <Stack>
        <LanguagePicker />
        <div>
          <Text size="sm" fw={500}>
            {t('preferences.direction')}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`preferences.directionValue_${lang.dir}`)}
          </Text>
        </div>
      </Stack>
    </Section>
  );
}
