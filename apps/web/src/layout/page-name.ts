import { createContext, useContext, useEffect } from 'react';

/** Where a screen tells the shell a better name for its page than the route's (the tab title uses it). */
export const PageNameContext = createContext<(name: string | null) => void>(() => {});

/** A session's page is named after the session, once it is known; leaving the page forgets the name. */
export function usePageName(name: string | null | undefined): void {
  const setName = useContext(PageNameContext);
  useEffect(() => {
    setName(name ?? null);
    return () => setName(null);
  }, [setName, name]);
}
