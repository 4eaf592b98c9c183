import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { cx } from './cx.ts';

/**
 * A disclosure menu (menu button pattern): Enter/Space/ArrowDown opens it and focuses the first item,
 * arrows move between items, Escape or a click outside closes it and focus returns to the button.
 */
export function Menu({
  label,
  button,
  children,
}: {
  /** Accessible name of the menu button. */
  label: string;
  button: ReactNode;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menuItems(menuRef.current)[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (event: React.KeyboardEvent) => {
    const list = menuItems(menuRef.current);
    const index = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      list[(index + 1) % list.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      list[(index - 1 + list.length) % list.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-2 rounded-full p-0.5 pe-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        {button}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          tabIndex={-1}
          onKeyDown={onMenuKey}
          className={cx(
            'absolute end-0 z-40 mt-2 w-64 origin-top-right rtl:origin-top-left overflow-hidden rounded-xl bg-white py-1 shadow-lg ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10',
          )}
        >
          {children(() => close(false))}
        </div>
      ) : null}
    </div>
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemradio"]') ?? [])];
}

const ITEM =
  'flex w-full items-center gap-2.5 px-4 py-2 text-start text-sm text-zinc-700 hover:bg-zinc-50 focus:bg-zinc-100 focus:outline-none dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800';

interface ItemProps {
  icon?: ReactNode;
  children: ReactNode;
  onSelect: () => void;
}

export function MenuItem({ icon, children, onSelect }: ItemProps) {
  return (
    <button type="button" role="menuitem" tabIndex={-1} onClick={onSelect} className={ITEM}>
      {icon}
      {children}
    </button>
  );
}

/** One choice among several (the language): announced as checked or not. */
export function MenuRadioItem({
  icon,
  children,
  onSelect,
  checked,
  lang,
}: ItemProps & {
  checked: boolean;
  /** The item's own language, when its words are in one other than the page's. */
  lang?: string;
}) {
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      lang={lang}
      tabIndex={-1}
      onClick={onSelect}
      className={ITEM}
    >
      {icon}
      {children}
    </button>
  );
}
