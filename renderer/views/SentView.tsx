// Sent & deliveries: every outgoing message with its state, recipients, attempts and next retry; `#/sent/<id>`
// opens one with its attempts and transcripts.
import { useEffect, useMemo, useState } from 'react';
import type { FaxdeskApi } from '../../shared/api';
import type { MessageKind, MessagesListParams, MessageState, MessageSummary } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { newestFirst, type PagedList } from '../api/usePagedList';
import { DuplicateFlag } from '../components/DuplicateFlag';
import { FilterBar } from '../components/FilterBar';
import { ListBody } from '../components/ListBody';
import { StateBadge } from '../components/StateBadge';
import { VirtualList } from '../components/VirtualList';
import { kindLabels, longTime, relativeTime, shortTime, stateLabels } from '../format';
import { MessageDetailView, preloadWhenIdle, ViewLoading } from './lazyViews';
import { hrefOf } from './sections';
import { listSource, useListView } from './useListView';

interface Filters {
  search: string;
  state: MessageState | 'all';
  kind: MessageKind | 'all';
}

const noFilters: Filters = { search: '', state: 'all', kind: 'all' };

function toParams(filters: Filters): MessagesListParams {
  const params: MessagesListParams = {};
  if (filters.search.trim()) params.search = filters.search.trim();
  if (filters.state !== 'all') params.states = [filters.state];
  if (filters.kind !== 'all') params.kinds = [filters.kind];
  return params;
}

export function matchesMessage(params: MessagesListParams, message: MessageSummary): boolean {
  const search = params.search?.toLowerCase();
  if (search && ![message.subject, message.messageId, ...message.to].some((field) => field.toLowerCase().includes(search))) return false;
  if (params.states && !params.states.includes(message.state)) return false;
  if (params.kinds && !params.kinds.includes(message.kind)) return false;
  return true;
}

/** Main's order of the message lists (the Outbox's too). */
export const byCreated = newestFirst<MessageSummary>((message) => message.createdAt);

/** How the history asks main for rows and hears of changes. */
const historySource = (api: FaxdeskApi) => listSource<Filters, MessagesListParams, MessageSummary>('sent', toParams, api.messages.list, api.messages.onDidChange);

/** The unfiltered history's name and query, which the window's opening request (api/openingPage.ts) must match. */
export const historyOpening = { name: 'sent', params: toParams(noFilters) };

export function SentView({ openId }: { openId?: string }) {
  const api = useApi();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const source = useMemo(() => historySource(api), [api]);
  const { list, filtered, selected, setSelected, listRef } = useListView({ ...source, filters, matches: matchesMessage, order: byCreated, openId });
  useEffect(() => preloadWhenIdle('message'), []);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) => setFilters((current) => ({ ...current, [name]: value }));

  return (
    <>
      {openId && (
        <ViewLoading>
          <MessageDetailView id={openId} />
        </ViewLoading>
      )}
      <div className="list-view" hidden={!!openId} ref={listRef}>
        <FilterBar
          label="Filter messages"
          search={filters.search}
          placeholder="Subject, recipient or Message-ID"
          onSearch={(text) => set('search', text)}
          onClear={filtered ? () => setFilters(noFilters) : undefined}
        >
          <label>
            <span>State</span>
            <select value={filters.state} onChange={(event) => set('state', event.target.value as Filters['state'])}>
              <option value="all">Any state</option>
              {Object.entries(stateLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Kind</span>
            <select value={filters.kind} onChange={(event) => set('kind', event.target.value as Filters['kind'])}>
              <option value="all">Any kind</option>
              {Object.entries(kindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </FilterBar>
        <ListBody
          list={list}
          filtered={filtered}
          noun={['message', 'messages']}
          what="The delivery history"
          empty={{ title: 'Nothing sent yet', text: 'Every message faxdesk delivers, and every attempt with its SMTP transcript, will be listed here.' }}
          testId="message-count"
        >
          <MessageList label="Sent messages" list={list} selected={selected} onSelect={setSelected} onOpen={(message) => (window.location.hash = hrefOf('sent', message.id))} />
        </ListBody>
      </div>
    </>
  );
}

export function MessageList({
  label,
  list,
  selected,
  onSelect,
  onOpen,
}: {
  label: string;
  list: PagedList<MessageSummary>;
  selected: number;
  onSelect(index: number): void;
  onOpen(message: MessageSummary): void;
}) {
  return (
    <VirtualList<MessageSummary>
      label={label}
      className="message-columns"
      header={
        <>
          <span>Created</span>
          <span>State</span>
          <span>Subject</span>
          <span>Recipients</span>
          <span className="num">Attempts</span>
          <span>Next retry</span>
        </>
      }
      count={list.total}
      itemAt={list.itemAt}
      keyOf={(message) => message.id}
      rowClass={(message) => (message.possibleDuplicate ? 'possible-duplicate' : '')}
      renderRow={(message) => (
        <>
          {/* The time the list is sorted by (newest first); the last change is in the tooltip and the detail. */}
          <span title={`Created ${longTime(message.createdAt)}\nLast change ${longTime(message.updatedAt)}`}>
            <time dateTime={message.createdAt}>{shortTime(message.createdAt)}</time>
          </span>
          <span>
            <StateBadge state={message.state} />
          </span>
          <span className="ellipsis">
            <DuplicateFlag possibleDuplicate={message.possibleDuplicate} />
            {message.subject}
          </span>
          <span className="ellipsis">{message.to.join(', ')}</span>
          <span className="num">{message.attempts}</span>
          <span title={message.nextAttemptAt ?? undefined}>{message.state === 'retry-wait' ? relativeTime(message.nextAttemptAt) : ''}</span>
        </>
      )}
      ensure={list.ensure}
      selected={selected}
      onSelect={onSelect}
      onOpen={onOpen}
    />
  );
}
