// The first page of the list the window opens on, asked for as soon as the connection is up, while React draws the
// window: its list would otherwise ask only after the window's first paint, about 100 ms later. A page is given out
// once, and dropped if its list changes before it is taken (the list then asks main itself, after it subscribed).
import type { Result } from '../../shared/result';
import type { Page } from './pagedRows';

const pages = new Map<string, { page: Promise<Result<Page<unknown>>>; stop(): void }>();

/** The key a list's early page is kept under: its name and its query's parameters (api/openingPage.ts gives, the
 *  list views take). */
export const earlyKey = (name: string, params: unknown) => `${name}:${JSON.stringify(params)}`;

/** Asks for a list's first page now, to be taken by the list of the same key. */
export function askEarly<T>(key: string, fetchFirst: () => Promise<Result<Page<T>>>, subscribe: (listener: () => void) => () => void): void {
  pages.get(key)?.stop();
  const unsubscribe = subscribe(() => entry.stop());
  // Never taken (the user went elsewhere first): not kept for a list that opens much later.
  const timer = setTimeout(() => entry.stop(), 10_000);
  const entry = {
    page: fetchFirst() as Promise<Result<Page<unknown>>>,
    stop() {
      unsubscribe();
      clearTimeout(timer);
      if (pages.get(key) === entry) pages.delete(key);
    },
  };
  pages.set(key, entry);
}

/** The page asked for early under `key`, once; undefined when there is none (or it may be out of date). */
export function takeEarly<T>(key: string): Promise<Result<Page<T>>> | undefined {
  const entry = pages.get(key);
  entry?.stop();
  return entry?.page as Promise<Result<Page<T>>> | undefined;
}
