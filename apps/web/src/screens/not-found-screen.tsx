import { Compass } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { EmptyState } from '../components/empty-state.tsx';
import { Link } from '../router.tsx';

export function NotFoundScreen({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={Compass}
      title={t('shell.notFound.title')}
      action={
        <Link
          to={{ name: 'sessions' }}
          className="text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400"
        >
          {t('shell.notFound.action')}
        </Link>
      }
    >
      <Trans
        i18nKey="shell.notFound.body"
        values={{ path }}
        components={{ code: <code className="font-mono" dir="ltr" /> }}
      />
    </EmptyState>
  );
}
