import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../components/toaster.tsx';
import { playChime } from '../lib/chime.ts';
import { deviceSetting } from '../lib/device-setting.ts';
import { phoneInText } from '../lib/format.ts';
import type { Route } from '../lib/route.ts';
import { navigate } from '../router.tsx';
import { trpc } from '../trpc.ts';

/** Whether a new message also plays a sound; off until the operator turns it on, on this device. */
export const newMessageSound = deviceSetting('switchboard.inbox.sound', ['off', 'on'], 'off');

/** How much of a message a toast quotes. */
const QUOTE_LENGTH = 80;

/** Conversations with unread messages, across every visible account: the nav badge and the tab title. */
export function useUnreadConversations(): number {
  const { data } = trpc.conversations.unreadCount.useQuery(undefined, {
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data?.conversations ?? 0;
}

/**
 * Keeps the unread count right from the live stream, and tells the operator about a new message while they
 * are not in the inbox (or the tab is in the background): a toast that opens the conversation, and the
 * chime when they turned it on.
 */
export function InboxNotifier({ route }: { route: Route }) {
  const { t } = useTranslation();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [sound] = newMessageSound.use();
  const recount = useRef<number | undefined>(undefined);
  const told = useRef(new Set<string>());
  const where = useRef({ route, sound });
  where.current = { route, sound };
  useEffect(() => () => window.clearTimeout(recount.current), []);

  trpc.conversations.onUpdate.useSubscription(undefined, {
    onData: () => {
      // A burst of changes (a campaign's replies) costs one count.
      window.clearTimeout(recount.current);
      recount.current = window.setTimeout(() => void utils.conversations.unreadCount.invalidate(), 250);
    },
  });

  trpc.messages.onUpdate.useSubscription(undefined, {
    onData: ({ data: event }) => {
      if (event.type !== 'message') return;
      const { message } = event;
      if (message.direction !== 'in' || told.current.has(message.id)) return;
      if (told.current.size > 1000) told.current.clear();
      told.current.add(message.id);
      const { route: current, sound: chime } = where.current;
      if (current.name === 'inbox' && !document.hidden) return;
      const name = message.peerName?.trim() || phoneInText(message.peer);
      const text = message.body.trim();
      toast.info(
        text
          ? t('inbox.notify.message', {
              name,
              text: text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text,
            })
          : t('inbox.notify.file', { name }),
        {
          label: t('inbox.notify.open'),
          onClick: () =>
            navigate({ name: 'inbox', sessionId: null, conversationId: message.conversationId ?? null }),
        },
      );
      if (chime === 'on') playChime();
    },
  });
  return null;
}
