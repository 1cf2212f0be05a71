// Received faxes: the searchable, filterable list of the fax library, and the opened fax (`#/received/<id>`).
import { useCallback, useEffect, useState } from 'react';
import type { FaxesListParams, FaxSummary, MessageState } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { FilterBar } from '../components/FilterBar';
import { ListBody } from '../components/ListBody';
import { StateBadge } from '../components/StateBadge';
import { VirtualList } from '../components/VirtualList';
import { shortTime } from '../format';
import { preloadViewers } from '../viewer/pageDocument';
import { FaxDetailView } from './FaxDetailView';
import { RejectedFiles } from './RejectedFiles';
import { hrefOf } from './sections';
import { useListView } from './useListView';

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

function toParams(filters: Filters): FaxesListParams {
  const params: FaxesListParams = {};
  if (filters.search.trim()) params.search = filters.search.trim();
  if (filters.from) params.receivedFrom = new Date(`${filters.from}T00:00:00`).toISOString();
  if (filters.to) params.receivedTo = new Date(`${filters.to}T23:59:59.999`).toISOString();
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

export function ReceivedView({ openId }: { openId?: string }) {
  const api = useApi();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const fetch = useCallback((params: FaxesListParams, cursor: string | null, limit: number) => api.faxes.list({ ...params, cursor, limit }), [api]);
  const subscribe = useCallback((listener: (changed: FaxSummary[]) => void) => api.faxes.onDidChange(({ changed }) => listener(changed)), [api]);
  const { list, filtered, selected, setSelected, listRef } = useListView({ filters, toParams, fetch, subscribe, matches, openId });
  useEffect(preloadViewers, []);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) => setFilters((current) => ({ ...current, [name]: value }));

  return (
    <>
      {openId && <FaxDetailView id={openId} />}
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
            <input type="date" value={filters.from} onChange={(event) => set('from', event.target.value)} />
          </label>
          <label>
            <span>To date</span>
            <input type="date" value={filters.to} onChange={(event) => set('to', event.target.value)} />
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
            itemAt={(index) => list.items[index]}
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
