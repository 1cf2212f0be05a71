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
  /** Applies changed rows from an event: replaces them, drops those that left the list, fetches new ones at the top. */
  patch(changed: readonly T[], belongs: (item: T) => boolean): void;
  reload(): void;
}

// A screenful and a half: the first rows must be on screen fast; the next pages come while the user looks.
const firstPageSize = 50;
const pageSize = 200;

export function usePagedList<T extends { id: string }>(fetchPage: FetchPage<T>, key: string): PagedList<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const store = useRef({ items: [] as T[], ids: new Set<string>(), cursor: null as string | null, done: false, busy: false, wanted: 0, generation: 0 });
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
        bump({ status: 'ready', error: undefined, total: s.done ? s.items.length : Math.max(result.value.total, s.items.length) });
      }
    } finally {
      if (generation === s.generation) s.busy = false;
    }
  }, [bump]);

  const reset = useCallback(() => {
    const s = store.current;
    store.current = { items: [], ids: new Set(), cursor: null, done: false, busy: false, wanted: 0, generation: s.generation + 1 };
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

  const refreshHead = useRef<Promise<void> | null>(null);
  const patch = useCallback(
    (changed: readonly T[], belongs: (item: T) => boolean) => {
      const s = store.current;
      let unknown = false;
      let removed = 0;
      for (const item of changed) {
        if (s.ids.has(item.id)) {
          const index = s.items.findIndex((candidate) => candidate.id === item.id);
          if (belongs(item)) {
            s.items[index] = item;
          } else {
            s.items.splice(index, 1);
            s.ids.delete(item.id);
            removed++;
          }
        } else if (belongs(item)) {
          unknown = true;
        }
      }
      setView((current) => ({ ...current, total: Math.max(0, current.total - removed), version: current.version + 1 }));
      if (!unknown || refreshHead.current) return;
      // New rows: fetch the first page again and put what is new in front (lists are newest first).
      const generation = s.generation;
      refreshHead.current = fetchRef
        .current(null, 50)
        .then((result) => {
          if (!result.ok || generation !== store.current.generation) return;
          const fresh = result.value.items.filter((item) => !s.ids.has(item.id));
          fresh.forEach((item) => s.ids.add(item.id));
          s.items.unshift(...fresh);
          bump({ total: Math.max(result.value.total, s.items.length) });
        })
        .finally(() => (refreshHead.current = null));
    },
    [bump],
  );

  return { items: store.current.items, ...view, ensure, patch, reload: reset };
}
