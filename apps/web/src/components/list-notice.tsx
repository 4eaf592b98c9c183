import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** What a list shows in place of its rows when it has none: an icon, a short title, a line of help. */
export function ListNotice({
  icon: Icon,
  title,
  children,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
      <Icon aria-hidden className="size-6 text-zinc-400" />
      <p className="text-sm font-medium">{title}</p>
      <div className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{children}</div>
    </div>
  );
}
