import { MAX_TAGS_PER_CONTACT, normaliseTag, tagProblem } from '@switchboard/validators';
import { Plus, Tag, X } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saySaid } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { Conversation } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** The contact's tags, editable in place; campaigns pick audiences by them. */
export function ContactTags({
  contact,
  className = 'border-b border-zinc-100 px-4 py-2 dark:border-zinc-800',
}: {
  contact: Conversation['contact'];
  /** Where it sits: under the thread's header by default. */
  className?: string;
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [tags, setTags] = useState(contact.tags);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const save = trpc.contacts.setTags.useMutation({
    onSuccess: (saved) => {
      setTags(saved.tags);
      void utils.conversations.list.invalidate();
      void utils.contacts.list.invalidate();
      void utils.contacts.tags.invalidate();
    },
    onError: (error) => {
      setTags(contact.tags);
      setProblem(errorMessage(error));
    },
  });

  const put = (next: string[]) => {
    setProblem(null);
    setTags(next);
    save.mutate({ id: contact.id, tags: next });
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const wrong = tagProblem(draft);
    if (wrong) return setProblem(saySaid(wrong));
    const tag = normaliseTag(draft);
    if (!tag || tags.includes(tag)) return setDraft('');
    if (tags.length >= MAX_TAGS_PER_CONTACT)
      return setProblem(t('inbox.tags.tooMany', { count: MAX_TAGS_PER_CONTACT }));
    setDraft('');
    put([...tags, tag]);
  };

  return (
    <div className={className} data-testid="contact-tags">
      <form onSubmit={add} className="flex flex-wrap items-center gap-1.5">
        <Tag aria-hidden className="size-3.5 text-zinc-400" />
        <ul className="contents" aria-label={t('inbox.tags.list')}>
          {tags.map((tag) => (
            <li
              key={tag}
              className="inline-flex items-center gap-0.5 rounded-full bg-zinc-100 py-0.5 ps-2.5 pe-1 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {tag}
              <button
                type="button"
                aria-label={t('inbox.tags.remove', { tag })}
                onClick={() => put(tags.filter((other) => other !== tag))}
                className="rounded-full p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
              >
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
        <label htmlFor={inputId} className="sr-only">
          {t('inbox.tags.add')}
        </label>
        <input
          id={inputId}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={tags.length === 0 ? t('inbox.tags.add') : t('inbox.tags.placeholder')}
          className="h-6 w-24 rounded-md border-0 bg-transparent px-1.5 text-xs ring-1 ring-transparent ring-inset placeholder:text-zinc-400 hover:ring-zinc-300 focus:ring-emerald-600 focus:outline-none dark:hover:ring-zinc-700"
        />
        {draft.trim() ? (
          <button
            type="submit"
            aria-label={t('inbox.tags.submit')}
            className="rounded-md p-1 text-emerald-700 hover:bg-emerald-50 dark:text-emerald-400 dark:hover:bg-emerald-950"
          >
            <Plus aria-hidden className="size-3.5" />
          </button>
        ) : null}
      </form>
      {problem ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
