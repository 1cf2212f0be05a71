// A long list paged from main as the user scrolls (never more than 200 rows a call), patched live by events: the
// rows live in PagedRows, this hook redraws when they change and starts again when the list's key does.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape } from '../../shared/errors';
import type { EarlyPage } from './earlyPages';
import { PagedRows, type FetchPage, type Order } from './pagedRows';

export type { FetchPage, Order, Page } from './pagedRows';

export interface PagedList<T> {
  /** Row `index`, or undefined while it is not loaded. */
  itemAt(index: number): T | undefined;
  /** The rows loaded from the top, in order (all of them for a list that is not windowed). */
  items: readonly T[];
  version: number;
  total: number;
  status: 'loading' | 'ready' | 'failed';
  error?: ApiErrorShape;
  /** Loads pages until rows `from` … `index` are there (or the list ends); `from` is `index` when not given. */
  ensure(index: number, from?: number): void;
  /** Applies changed rows from an event: replaces them, drops those that left the list, puts those that joined it in
   *  their place (a new row, or an older one that now matches the filter). */
  patch(changed: readonly T[], belongs: (item: T) => boolean): void;
  reload(): void;
}

export interface PagedListOptions {
  /** Keep only about this many rows around those asked for (a virtualized list); by default every row is kept. */
  windowRows?: number;
  /** A first page asked for before the list existed, if there is one for this key (./earlyPages.ts). */
  takeFirstPage?(): EarlyPage<unknown> | undefined;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first by a time, then by id, as main's queries sort (the messages' own tie-break is their row number, which
 *  the renderer does not see: rows of the same millisecond may sit in another order until the list is reloaded). */
export function newestFirst<T extends { id: string }>(timeOf: (item: T) => string): Order<T> {
  return (a, b) => compareText(timeOf(b), timeOf(a)) || compareText(b.id, a.id);
}

export function usePagedList<T extends { id: string }>(fetchPage: FetchPage<T>, key: string, order: Order<T>, options: PagedListOptions = {}): PagedList<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const orderRef = useRef(order);
  orderRef.current = order;
  const takeRef = useRef(options.takeFirstPage);
  takeRef.current = options.takeFirstPage;
  const { windowRows } = options;
  const [version, setVersion] = useState(0);
  const redraw = useCallback(() => setVersion((current) => current + 1), []);
  const create = useCallback(
    () =>
      new PagedRows<T>((cursor, limit) => fetchRef.current(cursor, limit), (a, b) => orderRef.current(a, b), redraw, windowRows, takeRef.current?.() as EarlyPage<T> | undefined),
    [redraw, windowRows],
  );
  // Made with the first draw, so a first page that arrived early is drawn in it.
  const [rows, setRows] = useState(create);
  const firstRows = useRef<PagedRows<T> | null>(rows);

  const reset = useCallback(() => {
    const fresh = create();
    setRows((current) => {
      current.close();
      return fresh;
    });
    fresh.ensure(0);
  }, [create, key]);

  useEffect(() => {
    // The rows made with the first draw start loading; a new key (or a reload) starts again with fresh rows.
    const first = firstRows.current;
    firstRows.current = null;
    if (first) first.ensure(0);
    else reset();
  }, [reset]);

  const ensure = useCallback((index: number, from?: number) => rows.ensure(index, from), [rows]);
  const patch = useCallback((changed: readonly T[], belongs: (item: T) => boolean) => rows.patch(changed, belongs), [rows]);
  const itemAt = useCallback((index: number) => rows.itemAt(index), [rows]);

  return { itemAt, items: rows.loadedFromTop, version, total: rows.total, status: rows.status, error: rows.error, ensure, patch, reload: reset };
}
