// Received faxes: the searchable, filterable list of the fax library, and the opened fax (`#/received/<id>`).
import { useEffect, useMemo, useState } from 'react';
import type { FaxdeskApi } from '../../shared/api';
import type { FaxesListParams, FaxSummary, MessageState } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { newestFirst } from '../api/usePagedList';
import { FilterBar } from '../components/FilterBar';
import { ListBody } from '../components/ListBody';
import { StateBadge } from '../components/StateBadge';
import { VirtualList } from '../components/VirtualList';
import { shortTime } from '../format';
import { preloadViewers } from '../viewer/pageDocument';
import { FaxDetailView, preloadWhenIdle, ViewLoading } from './lazyViews';
import { RejectedFiles } from './RejectedFiles';
import { hrefOf } from './sections';
import { listSource, useListView } from './useListView';

type StateFilter = 'all' | 'delivered' | 'pending' | 'held' | 'failed' | 'not-routed';
const stateFilters: Record<StateFilter, { label: string; states?: Array<MessageState | 'not-routed'> }> = {
  all: { label: 'Any mail state' },
  delivered: { label: 'Delivered', states: ['delivered'] },
  pending: { label: 'Being delivered', states: ['queued', 'sending', 'retry-wait'] },
  held: { label: 'Held for review', states: ['held'] },
  failed: { label: 'Failed or cancelled', states: ['failed', 'cancelled'] },
  'not-routed': { label: 'Not routed', states: ['not-routed'] },
};

interface Filters {
  search: string;
  from: string;
  to: string;
  state: StateFilter;
  unreadOnly: boolean;
}

const noFilters: Filters = { search: '', from: '', to: '', state: 'all', unreadOnly: false };

/** A day from a date field at the given local time, as main's ISO time; undefined when the field holds no usable day
 *  (a year past 9999 can be typed, and would neither parse reliably nor compare with four-digit ISO years). */
function dayAt(day: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${time}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
const dayStart = (day: string) => dayAt(day, '00:00:00');
const dayEnd = (day: string) => dayAt(day, '23:59:59.999');

function toParams(filters: Filters): FaxesListParams {
  const params: FaxesListParams = {};
  if (filters.search.trim()) params.search = filters.search.trim();
  // A day that is not one is left out of the query (its field says it is invalid) rather than failing the view.
  const from = dayStart(filters.from);
  const to = dayEnd(filters.to);
  if (from) params.receivedFrom = from;
  if (to) params.receivedTo = to;
  const states = stateFilters[filters.state].states;
  if (states) params.deliveryStates = states;
  if (filters.unreadOnly) params.unreadOnly = true;
  return params;
}

/** The same test as main's query, for faxes pushed by events (so a live row never shows under a filter it fails). */
function matches(params: FaxesListParams, fax: FaxSummary): boolean {
  const search = params.search?.toLowerCase();
  if (search && ![fax.from, fax.to, fax.csid].some((field) => field?.toLowerCase().includes(search))) return false;
  if (params.receivedFrom && fax.receivedAt < params.receivedFrom) return false;
  if (params.receivedTo && fax.receivedAt > params.receivedTo) return false;
  if (params.deliveryStates && !params.deliveryStates.includes(fax.deliveryState ?? 'not-routed')) return false;
  if (params.unreadOnly && fax.read) return false;
  return true;
}

function DateInput({ value, valid, onChange }: { value: string; valid(day: string): string | undefined; onChange(day: string): void }) {
  const invalid = value !== '' && !valid(value);
  return (
    <input
      type="date"
      value={value}
      aria-invalid={invalid || undefined}
      title={invalid ? 'Not a date faxdesk can filter by: this filter is ignored' : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** Main's order of the fax list. */
const byReceived = newestFirst<FaxSummary>((fax) => fax.receivedAt);

/** How the fax list asks main for rows and hears of changes. */
const faxSource = (api: FaxdeskApi) => listSource<Filters, FaxesListParams, FaxSummary>('received', toParams, api.faxes.list, api.faxes.onDidChange);

/** The unfiltered fax list's name and query, which the window's opening request (api/openingPage.ts) must match. */
export const faxesOpening = { name: 'received', params: toParams(noFilters) };

export function ReceivedView({ openId }: { openId?: string }) {
  const api = useApi();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const source = useMemo(() => faxSource(api), [api]);
  const { list, filtered, selected, setSelected, listRef } = useListView({ ...source, filters, matches, order: byReceived, openId });
  useEffect(preloadViewers, []);
  useEffect(() => preloadWhenIdle('fax'), []);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) => setFilters((current) => ({ ...current, [name]: value }));

  return (
    <>
      {openId && (
        <ViewLoading>
          <FaxDetailView id={openId} />
        </ViewLoading>
      )}
      <div className="list-view" hidden={!!openId} ref={listRef}>
        <FilterBar
          label="Filter received faxes"
          search={filters.search}
          placeholder="Sender, number called or CSID"
          onSearch={(text) => set('search', text)}
          onClear={filtered ? () => setFilters(noFilters) : undefined}
        >
          <label>
            <span>From date</span>
            <DateInput value={filters.from} valid={dayStart} onChange={(day) => set('from', day)} />
          </label>
          <label>
            <span>To date</span>
            <DateInput value={filters.to} valid={dayEnd} onChange={(day) => set('to', day)} />
          </label>
          <label>
            <span>Mail state</span>
            <select value={filters.state} onChange={(event) => set('state', event.target.value as StateFilter)}>
              {Object.entries(stateFilters).map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={filters.unreadOnly} onChange={(event) => set('unreadOnly', event.target.checked)} />
            <span>Unread only</span>
          </label>
        </FilterBar>
        <RejectedFiles />
        <ListBody
          list={list}
          filtered={filtered}
          noun={['fax', 'faxes']}
          what="The fax list"
          empty={{ title: 'No faxes received yet', text: 'Faxes that arrive in the spool folder appear here, newest first.' }}
          testId="fax-count"
        >
          <VirtualList<FaxSummary>
            label="Received faxes"
            className="fax-columns"
            header={
              <>
                <span>Received</span>
                <span>From</span>
                <span>Number called</span>
                <span>CSID</span>
                <span className="num">Pages</span>
                <span>Mail</span>
              </>
            }
            count={list.total}
            itemAt={list.itemAt}
            keyOf={(fax) => fax.id}
            rowClass={(fax) => (fax.read ? '' : 'unread')}
            renderRow={(fax) => (
              <>
                <span title={fax.receivedAt}>
                  {!fax.read && <span className="visually-hidden">Unread. </span>}
                  {shortTime(fax.receivedAt)}
                </span>
                <span className="ellipsis">{fax.from ?? <span className="muted">unknown sender</span>}</span>
                <span className="ellipsis">{fax.to ?? ''}</span>
                <span className="ellipsis">{fax.csid ?? ''}</span>
                <span className="num">{fax.pages}</span>
                <span>
                  <StateBadge state={fax.deliveryState} />
                </span>
              </>
            )}
            ensure={list.ensure}
            selected={selected}
            onSelect={setSelected}
            onOpen={(fax) => (window.location.hash = hrefOf('received', fax.id))}
          />
        </ListBody>
      </div>
    </>
  );
}
