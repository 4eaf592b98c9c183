import { LOCALES } from '@switchboard/validators';
import { BookOpen, Check, ChevronDown, Languages, LogOut, Webhook } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../components/cx.ts';
import { Menu, MenuItem, MenuRadioItem } from '../components/menu.tsx';
import { useToast } from '../components/toaster.tsx';
import { LANGUAGE_NAMES } from '../i18n/i18n.ts';
import { useUserLocale } from '../i18n/use-locale.ts';
import { errorMessage } from '../lib/errors.ts';
import { initials } from '../lib/format.ts';
import type { User } from '../lib/types.ts';
import { navigate } from '../router.tsx';
import { trpc } from '../trpc.ts';

export function UserMenu({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const logout = trpc.auth.logout.useMutation();
  const toast = useToast();
  const language = useUserLocale(user, (e) =>
    toast.info(t('shell.languageNotSaved', { error: errorMessage(e) })),
  );

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: onSignedOut,
      onError: (e) => toast.info(t('shell.signOutFailed', { error: errorMessage(e) })),
    });

  return (
    <Menu
      label={t('shell.accountMenu')}
      button={
        <>
          <span
            aria-hidden
            className="flex size-8 items-center justify-center rounded-full bg-emerald-100 text-xs font-semibold text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200"
          >
            {initials(user.name)}
          </span>
          <span className="hidden max-w-40 truncate text-sm font-medium whitespace-nowrap sm:inline xl:hidden">
            {user.name}
          </span>
          <ChevronDown aria-hidden className="size-4 text-zinc-500" />
        </>
      }
    >
      {(close) => (
        <>
          <div className="border-b border-zinc-100 px-4 py-3 dark:border-zinc-800">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
            <p className="mt-1.5 inline-flex rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {t(`shell.roles.${user.role}`)}
            </p>
          </div>
          <div className="border-b border-zinc-100 py-1 dark:border-zinc-800">
            <p className="flex items-center gap-2 px-4 pt-1.5 pb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
              <Languages aria-hidden className="size-3.5" />
              {t('shell.language')}
            </p>
            {LOCALES.map((locale) => (
              <MenuRadioItem
                key={locale}
                checked={locale === language.locale}
                lang={locale}
                icon={
                  <Check
                    aria-hidden
                    className={cx('size-4', locale === language.locale ? 'text-emerald-600' : 'invisible')}
                  />
                }
                onSelect={() => {
                  close();
                  void language.choose(locale);
                }}
              >
                {LANGUAGE_NAMES[locale]}
              </MenuRadioItem>
            ))}
          </div>
          {user.role === 'admin' ? (
            <MenuItem
              icon={<Webhook aria-hidden className="size-4" />}
              onSelect={() => {
                close();
                navigate({ name: 'webhooks' });
              }}
            >
              {t('shell.pages.webhooks')}
            </MenuItem>
          ) : null}
          <MenuItem
            icon={<BookOpen aria-hidden className="size-4" />}
            onSelect={() => {
              close();
              window.open('/api/docs', '_blank', 'noopener');
            }}
          >
            {t('shell.apiReference')}
          </MenuItem>
          <MenuItem
            icon={<LogOut aria-hidden className="size-4" />}
            onSelect={() => {
              close();
              signOut();
            }}
          >
            {t('shell.signOut')}
          </MenuItem>
        </>
      )}
    </Menu>
  );
}
