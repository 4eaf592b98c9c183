import { PERSON_NAME_MAX_LENGTH } from '@switchboard/validators';
import { MessageSquare, Pencil } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, buttonClass } from '../../components/button.tsx';
import { inputClass } from '../../components/field.tsx';
import { Phone } from '../../components/phone.tsx';
import { SessionTag } from '../../components/session-select.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { initials, phoneInText } from '../../lib/format.ts';
import type { ListedContact, Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { ContactTags } from '../inbox/contact-tags.tsx';

/** One contact: name and number, the account (when several are listed), tags, rename, and the way to their chat. */
export function ContactRow({ contact, account }: { contact: ListedContact; account: Session | null }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const name = contact.name?.trim() || null;

  return (
    <li className="flex gap-3 px-4 py-3 sm:px-5" data-testid="contact" data-contact-id={contact.id}>
      <span
        aria-hidden
        className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-sm font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
      >
        {name ? initials(name) : '#'}
      </span>
      <div className="min-w-0 flex-1">
        {renaming ? (
          <RenameForm contact={contact} onDone={() => setRenaming(false)} />
        ) : (
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium" data-testid="contact-name">
                {name ?? <Phone digits={contact.phone} />}
              </p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {name ? <Phone digits={contact.phone} /> : t('contacts.noName')}
              </p>
              {account ? <SessionTag session={account} className="mt-1 max-w-full text-xs" /> : null}
            </div>
            <div className="flex shrink-0 items-center gap-1">
              <Button
                size="sm"
                variant="ghost"
                icon={Pencil}
                onClick={() => setRenaming(true)}
                aria-label={t('contacts.renameContact', { name: name ?? phoneInText(contact.phone) })}
              >
                <span className="hidden sm:inline">{t('contacts.rename')}</span>
              </Button>
              {contact.conversationId ? (
                <Link
                  to={{ name: 'inbox', sessionId: contact.accountId, conversationId: contact.conversationId }}
                  className={buttonClass('ghost', 'sm')}
                  aria-label={t('contacts.openChatWith', { name: name ?? phoneInText(contact.phone) })}
                >
                  <MessageSquare aria-hidden className="size-4" />
                  <span className="hidden sm:inline">{t('contacts.openChat')}</span>
                </Link>
              ) : null}
            </div>
          </div>
        )}
        <ContactTags contact={contact} className="mt-2" />
      </div>
    </li>
  );
}

/** An empty name gives the contact back their WhatsApp name (from their next message on). */
function RenameForm({ contact, onDone }: { contact: ListedContact; onDone: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState(contact.name ?? '');
  const inputId = useId();
  const hintId = useId();
  const rename = trpc.contacts.update.useMutation({
    onSuccess: () => {
      void utils.contacts.list.invalidate();
      void utils.conversations.list.invalidate();
      void utils.conversations.byId.invalidate();
      onDone();
    },
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id: contact.id, name: draft.trim() || null });
  };

  return (
    <form onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('contacts.nameFor', { phone: phoneInText(contact.phone) })}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          // biome-ignore lint/a11y/noAutofocus: the operator just asked to rename; typing starts here
          autoFocus
          value={draft}
          maxLength={PERSON_NAME_MAX_LENGTH}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby={hintId}
          className={`${inputClass} min-w-0 flex-1 basis-48`}
        />
        <div className="flex gap-2">
          <Button type="submit" size="sm" variant="primary" loading={rename.isPending}>
            {t('contacts.save')}
          </Button>
          <Button size="sm" variant="ghost" onClick={onDone}>
            {t('contacts.cancel')}
          </Button>
        </div>
      </div>
      <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {t('contacts.renameHint')}
      </p>
      {rename.error ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {errorMessage(rename.error)}
        </p>
      ) : null}
    </form>
  );
}
