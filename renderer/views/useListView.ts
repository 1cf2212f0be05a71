// What the two long lists (received faxes, sent messages) share: filters turned into a paged query, rows kept live by
// main's events, the selected row, and the keyboard returning to the list when an opened item closes.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Result } from '../../shared/result';
import { earlyKey, takeEarly } from '../api/earlyPages';
import { usePagedList, type Order, type Page, type PagedList } from '../api/usePagedList';
import { useDebounced } from './useDebounced';

// Five pages around the screen: enough to scroll a while both ways without a fetch, a few MB of heap at most.
const windowRows = 1_000;

export interface ListViewOptions<F extends { search: string }, P, T> {
  /** The list's name, for its first page asked for early (api/openingPage.ts). */
  name: string;
  filters: F;
  toParams(filters: F): P;
  fetch(params: P, cursor: string | null, limit: number): Promise<Result<Page<T>>>;
  /** Subscribes to rows changed in main; returns the unsubscribe function. */
  subscribe(listener: (changed: T[]) => void): () => void;
  /** Main's filter, repeated for rows pushed by events. */
  matches(params: P, item: T): boolean;
  /** Main's order of the rows, for rows pushed by events. */
  order: Order<T>;
  openId?: string;
}

export interface ListView<T> {
  list: PagedList<T>;
  filtered: boolean;
  selected: number;
  setSelected(index: number): void;
  listRef: React.RefObject<HTMLDivElement | null>;
}

export function useListView<F extends { search: string }, P, T extends { id: string }>(options: ListViewOptions<F, P, T>): ListView<T> {
  const { name, filters, toParams, fetch, subscribe, matches, order, openId } = options;
  const search = useDebounced(filters.search, 200);
  const params = useMemo(() => toParams({ ...filters, search }), [filters, search, toParams]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback((cursor: string | null, limit: number) => fetch(params, cursor, limit), [fetch, params]);
  const list = usePagedList(fetchPage, key, order, { windowRows, takeFirstPage: () => takeEarly(earlyKey(name, params)) });
  const { patch } = list;
  const [selected, setSelected] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => setSelected(-1), [key]);
  useEffect(() => subscribe((changed) => patch(changed, (item) => matches(params, item))), [subscribe, patch, matches, params]);

  // Back from an opened item: the list gets the keyboard again, on the row that was open.
  const wasOpen = useRef(openId);
  useEffect(() => {
    if (wasOpen.current && !openId) listRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
    wasOpen.current = openId;
  }, [openId]);

  return { list, filtered: key !== '{}', selected, setSelected, listRef };
}

/** How a list asks main for rows (`faxes:list`) and hears of changed rows (`faxes:onDidChange`): what its view and
 *  the window's opening request (api/openingPage.ts) share. */
export function listSource<F, P, T>(
  name: string,
  toParams: (filters: F) => P,
  list: (params: P & { cursor: string | null; limit: number }) => Promise<Result<Page<T>>>,
  onDidChange: (listener: (payload: { changed: T[] }) => void) => () => void,
) {
  return {
    name,
    toParams,
    fetch: (params: P, cursor: string | null, limit: number) => list({ ...params, cursor, limit }),
    subscribe: (listener: (changed: T[]) => void) => onDidChange(({ changed }) => listener(changed)),
  };
}
