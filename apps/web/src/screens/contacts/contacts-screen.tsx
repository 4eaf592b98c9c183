import { BookUser, Inbox, ListChecks, Smartphone, UsersRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Session } from '../../lib/types.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link, navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { ContactList } from './contact-list.tsx';
import { GroupList } from './group-list.tsx';
import { NumberChecker } from './number-checker.tsx';

const TABS = ['contacts', 'groups', 'check'] as const;
type Tab = (typeof TABS)[number];
const TAB_ICONS = { contacts: BookUser, groups: UsersRound, check: ListChecks } as const;

/** Contacts of the visible accounts; an account's groups; which numbers of a pasted list are on WhatsApp. */
export function ContactsScreen({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  const { sessions, isLoading, error } = useSessions();
  const [tab, setTab] = useState<Tab>('contacts');
  const selectId = useId();
  const tabsId = useId();
  const session = sessions?.find((s) => s.id === sessionId) ?? null;

  if (isLoading) return <LoadingBlock label={t('inbox.loadingAccounts')} />;
  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        action={
          <Link to={{ name: 'inbox', sessionId, conversationId: null }} className={buttonClass('secondary')}>
            <Inbox aria-hidden className="size-4" />
            {t('contacts.toInbox')}
          </Link>
        }
      />
      {error ? <ErrorNotice className="mb-4">{errorMessage(error)}</ErrorNotice> : null}
      <div className="mb-4 flex flex-col gap-3 md:flex-row md:items-end md:justify-between">
        <div className="min-w-0 md:w-96">
          <label htmlFor={selectId} className="mb-1 block text-sm font-medium">
            {t('contacts.account')}
          </label>
          <SessionSelect
            id={selectId}
            sessions={sessions ?? []}
            value={sessionId}
            allLabel={t('contacts.allAccounts')}
            onChange={(id) => navigate({ name: 'contacts', sessionId: id }, { replace: true })}
          />
        </div>
        <div
          role="tablist"
          aria-label={t('contacts.views')}
          className="flex flex-wrap gap-1 rounded-xl bg-zinc-100 p-1 dark:bg-zinc-800/70"
        >
          {TABS.map((name) => {
            const Icon = TAB_ICONS[name];
            return (
              <button
                key={name}
                type="button"
                role="tab"
                id={`${tabsId}-${name}`}
                aria-selected={tab === name}
                aria-controls={`${tabsId}-panel`}
                onClick={() => setTab(name)}
                className={cx(
                  'inline-flex grow items-center justify-center gap-1.5 whitespace-nowrap rounded-lg px-2.5 py-1.5 text-sm font-medium transition-colors sm:px-3 md:grow-0',
                  tab === name
                    ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-white'
                    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
                )}
              >
                <Icon aria-hidden className="hidden size-4 shrink-0 sm:block" />
                {t(`contacts.tabs.${name}`)}
              </button>
            );
          })}
        </div>
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'contacts' ? <ContactList sessionId={sessionId} sessions={sessions ?? []} /> : null}
        {tab !== 'contacts' ? <OneAccount tab={tab} session={session} /> : null}
      </div>
    </>
  );
}

/** Groups and number checks go through one connected account. */
function OneAccount({ tab, session }: { tab: Exclude<Tab, 'contacts'>; session: Session | null }) {
  const { t } = useTranslation();
  if (!session)
    return (
      <EmptyState icon={Smartphone} title={t('contacts.chooseAccount')}>
        {t(`contacts.chooseAccountBody.${tab}`)}
      </EmptyState>
    );
  if (session.status !== 'connected')
    return (
      <EmptyState icon={Smartphone} title={t('contacts.notConnected', { name: session.name })}>
        {t('contacts.notConnectedBody')}
      </EmptyState>
    );
  return tab === 'groups' ? <GroupList session={session} /> : <NumberChecker session={session} />;
}
