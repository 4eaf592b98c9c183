import { useTranslation } from 'react-i18next';
import { PageHeader } from '../page-header.tsx';
import { WebhooksSection } from './webhooks-section.tsx';

/** Admins' server-wide webhook endpoints: every account's events, accounts added later included. */
export function ServerWebhooksScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('webhooks.global.screenTitle')} description={t('webhooks.global.intro')} />
      <WebhooksSection sessionId={null} />
    </>
  );
}
