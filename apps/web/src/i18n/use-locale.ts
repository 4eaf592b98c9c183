import type { Locale } from '@switchboard/validators';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../lib/types.ts';
import { trpc } from '../trpc.ts';
import { applyLocale, currentLocale, saveOnDevice } from './i18n.ts';

/**
 * The signed-in user's language: the one saved on the server wins when they sign in (a second browser
 * follows the first), and choosing one switches the screen at once, then saves it on this device and on
 * the server.
 */
export function useUserLocale(user: User, onNotSaved: (error: unknown) => void) {
  const utils = trpc.useUtils();
  const save = trpc.auth.setLocale.useMutation({
    onSuccess: (saved) =>
      utils.auth.me.setData(undefined, (me) =>
        me?.user ? { ...me, user: { ...me.user, locale: saved.locale } } : me,
      ),
  });
  // Re-rendered when the language changes, so `locale` below is always the one on screen.
  useTranslation();

  useEffect(() => {
    if (user.locale && user.locale !== currentLocale()) {
      saveOnDevice(user.locale);
      void applyLocale(user.locale);
    }
  }, [user.locale]);

  const choose = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      saveOnDevice(locale);
      save.mutate({ locale }, { onError: onNotSaved });
    },
    [save, onNotSaved],
  );

  return { locale: currentLocale(), choose };
}
