// The first page of the list the window opens on, asked for as soon as the connection is up, while React loads: its
// list would otherwise ask only after the window's first paint, about 100 ms later. A page that has arrived by the
// window's first draw is drawn in it (no placeholder rows first). A page is given out once, and dropped if its list
// changes before it is taken (the list then asks main itself, after it subscribed).
import type { Result } from '../../shared/result';
import type { Page } from './pagedRows';

/** A first page: the reply itself once it has arrived, else the promise of it. */
export type EarlyPage<T> = Result<Page<T>> | Promise<Result<Page<T>>>;

interface Entry {
  page: Promise<Result<Page<unknown>>>;
  askedAt: number;
  arrived?: Result<Page<unknown>>;
  stop(): void;
}

const pages = new Map<string, Entry>();

/** The key a list's early page is kept under: its name and its query's parameters (api/openingPage.ts gives, the
 *  list views take). */
export const earlyKey = (name: string, params: unknown) => `${name}:${JSON.stringify(params)}`;

/** Asks for a list's first page now, to be taken by the list of the same key. */
export function askEarly<T>(key: string, fetchFirst: () => Promise<Result<Page<T>>>, subscribe: (listener: () => void) => () => void): void {
  pages.get(key)?.stop();
  const unsubscribe = subscribe(() => entry.stop());
  // Never taken (the user went elsewhere first): not kept for a list that opens much later.
  const timer = setTimeout(() => entry.stop(), 10_000);
  const entry: Entry = {
    page: fetchFirst() as Promise<Result<Page<unknown>>>,
    askedAt: performance.now(),
    stop() {
      unsubscribe();
      clearTimeout(timer);
      if (pages.get(key) === entry) pages.delete(key);
    },
  };
  entry.page.then((result) => (entry.arrived = result), () => undefined);
  pages.set(key, entry);
}

/** The page asked for early under `key`, once; undefined when there is none (or it may be out of date). */
export function takeEarly<T>(key: string): EarlyPage<T> | undefined {
  const entry = pages.get(key);
  entry?.stop();
  return (entry?.arrived ?? entry?.page) as EarlyPage<T> | undefined;
}

/**
 * Settles once every page asked for early has arrived, or `limitMs` after the first of them was asked for, whichever
 * comes first: the window's first draw waits for it, so the rows are in that draw rather than a placeholder drawn and
 * replaced a moment later. The limit keeps a slow main process from holding the window back: past it, the window draws
 * its placeholders and the rows follow.
 */
export function earlyPagesArrived(limitMs: number): Promise<void> {
  const asked = [...pages.values()].filter((entry) => !entry.arrived);
  if (asked.length === 0) return Promise.resolve();
  const left = Math.max(0, limitMs - (performance.now() - Math.min(...asked.map((entry) => entry.askedAt))));
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, left);
    void Promise.allSettled(asked.map((entry) => entry.page)).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
