import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from './states.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconMapQuestion size={28} />}
      title={t('notFound.title')}
      description={t('notFound.description')}
    >
      <Button component={Link} to="/contacts">
        {t('notFound.back')}
      </Button>
    </EmptyState>
  );
}
