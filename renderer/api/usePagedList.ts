// A long list paged from main as the user scrolls (never more than 200 rows a call), patched live by events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape } from '../../shared/errors';
import type { Result } from '../../shared/result';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type FetchPage<T> = (cursor: string | null, limit: number) => Promise<Result<Page<T>>>;

export interface PagedList<T> {
  /** The rows loaded so far, in order; a mutable array read through `version` so that 100,000 rows are never copied. */
  items: readonly T[];
  version: number;
  total: number;
  status: 'loading' | 'ready' | 'failed';
  error?: ApiErrorShape;
  /** Loads pages until row `index` is there (or the list ends). */
  ensure(index: number): void;
  /** Applies changed rows from an event: replaces them, drops those that left the list, puts those that joined it in
   *  their place (a new row, or an older one that now matches the filter). */
  patch(changed: readonly T[], belongs: (item: T) => boolean): void;
  reload(): void;
}

/** Main's order of a list: negative when `a` comes before `b`. */
export type Order<T> = (a: T, b: T) => number;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first by a time, then by id, as main's queries sort (the messages' own tie-break is their row number, which
 *  the renderer does not see: rows of the same millisecond may sit in another order until the list is reloaded). */
export function newestFirst<T extends { id: string }>(timeOf: (item: T) => string): Order<T> {
  return (a, b) => compareText(timeOf(b), timeOf(a)) || compareText(b.id, a.id);
}

/** Where `item` goes in `items`, sorted by `order`: after every row that does not come after it. */
function placeOf<T>(items: readonly T[], item: T, order: Order<T>): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(items[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

// A screenful and a half: the first rows must be on screen fast; the next pages come while the user looks.
const firstPageSize = 50;
const pageSize = 200;

interface Store<T> {
  items: T[];
  ids: Set<string>;
  /** Rows that joined the list past the last loaded one: they go in when the pages reach their place. */
  later: Map<string, T>;
  cursor: string | null;
  done: boolean;
  busy: boolean;
  wanted: number;
  generation: number;
}

const emptyStore = <T,>(generation: number): Store<T> => ({
  items: [],
  ids: new Set(),
  later: new Map(),
  cursor: null,
  done: false,
  busy: false,
  wanted: 0,
  generation,
});

/** Puts the rows waiting in `later` that now fall within the loaded rows (or all of them, once the list is whole). */
function placeLater<T extends { id: string }>(s: Store<T>, order: Order<T>): void {
  for (const [id, item] of s.later) {
    if (s.ids.has(id)) {
      s.later.delete(id);
      continue;
    }
    const at = placeOf(s.items, item, order);
    if (at === s.items.length && !s.done) continue;
    s.items.splice(at, 0, item);
    s.ids.add(id);
    s.later.delete(id);
  }
}

export function usePagedList<T extends { id: string }>(fetchPage: FetchPage<T>, key: string, order: Order<T>): PagedList<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const orderRef = useRef(order);
  orderRef.current = order;
  const store = useRef<Store<T>>(emptyStore(0));
  const [view, setView] = useState<{ version: number; total: number; status: PagedList<T>['status']; error?: ApiErrorShape }>({
    version: 0,
    total: 0,
    status: 'loading',
  });

  const bump = useCallback((change: Partial<typeof view> = {}) => setView((current) => ({ ...current, ...change, version: current.version + 1 })), []);

  const pump = useCallback(async () => {
    const s = store.current;
    if (s.busy) return;
    s.busy = true;
    const generation = s.generation;
    try {
      while (!s.done && (s.items.length === 0 || s.items.length <= s.wanted)) {
        const result = await fetchRef.current(s.cursor, s.items.length === 0 ? firstPageSize : pageSize);
        if (generation !== s.generation) return;
        if (!result.ok) {
          bump({ status: 'failed', error: result.error });
          return;
        }
        for (const item of result.value.items) {
          if (s.ids.has(item.id)) continue;
          s.ids.add(item.id);
          s.items.push(item);
        }
        s.cursor = result.value.nextCursor;
        s.done = result.value.nextCursor === null || result.value.items.length === 0;
        placeLater(s, orderRef.current);
        bump({ status: 'ready', error: undefined, total: s.done ? s.items.length : Math.max(result.value.total, s.items.length) });
      }
    } finally {
      if (generation === s.generation) s.busy = false;
    }
  }, [bump]);

  const reset = useCallback(() => {
    const s = store.current;
    store.current = emptyStore(s.generation + 1);
    setView((current) => ({ version: current.version + 1, total: 0, status: 'loading' }));
    void pump();
  }, [pump]);

  useEffect(reset, [key, reset]);

  const ensure = useCallback(
    (index: number) => {
      const s = store.current;
      if (index <= s.wanted && (s.busy || s.done)) return;
      s.wanted = Math.max(s.wanted, index);
      void pump();
    },
    [pump],
  );

  const patch = useCallback(
    (changed: readonly T[], belongs: (item: T) => boolean) => {
      const s = store.current;
      let joined = 0;
      let left = 0;
      for (const item of changed) {
        if (s.ids.has(item.id)) {
          const index = s.items.findIndex((candidate) => candidate.id === item.id);
          if (belongs(item)) {
            s.items[index] = item;
          } else {
            s.items.splice(index, 1);
            s.ids.delete(item.id);
            left++;
          }
        } else if (s.later.has(item.id)) {
          if (belongs(item)) s.later.set(item.id, item);
          else if (s.later.delete(item.id)) left++;
        } else if (belongs(item)) {
          // New to the list: a new row, or an older one that now matches the filter (a retry waiting again under
          // "Waiting to retry"). Put in its place, or past the loaded rows kept until the pages get there: a whole
          // list has no page to come, and a row only counted in its total would show "Loading…" for good.
          s.later.set(item.id, item);
          joined++;
        }
      }
      placeLater(s, orderRef.current);
      setView((current) => ({ ...current, total: Math.max(s.items.length, current.total + joined - left), version: current.version + 1 }));
    },
    [],
  );

  return { items: store.current.items, ...view, ensure, patch, reload: reset };
}
