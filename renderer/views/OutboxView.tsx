// The outbox: messages still waiting (queued, sending, retrying, held, failed), with "Retry now", "Cancel" and
// "Release" on each, kept live by main's events.
import { useCallback, useEffect } from 'react';
import type { MessageState, MessageSummary } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { useLive } from '../api/LiveContext';
import { describeError } from '../api/useCall';
import { usePagedList } from '../api/usePagedList';
import { DuplicateFlag } from '../components/DuplicateFlag';
import { EmptyState } from '../components/EmptyState';
import { MessageActions } from '../components/MessageActions';
import { Notice } from '../components/Notice';
import { StateBadge } from '../components/StateBadge';
import { relativeTime, shortTime } from '../format';
import { MessageDetailView, preloadWhenIdle, ViewLoading } from './lazyViews';
import { hrefOf } from './sections';
import { byCreated } from './SentView';

const outboxStates: MessageState[] = ['queued', 'sending', 'retry-wait', 'held', 'failed'];
const inOutbox = (message: MessageSummary) => outboxStates.includes(message.state);

function Counts() {
  const { counts } = useLive();
  if (!counts) return null;
  const parts = [
    [counts.queued, 'queued'],
    [counts.sending, 'sending'],
    [counts.retryWait, 'waiting to retry'],
    [counts.held, 'held'],
    [counts.failed, 'failed'],
  ] as const;
  return (
    <p className="list-summary muted" data-testid="outbox-counts">
      {parts.map(([count, label]) => `${count.toLocaleString()} ${label}`).join(' · ')}
    </p>
  );
}

function Row({ message }: { message: MessageSummary }) {
  return (
    <tr data-testid="outbox-row" className={message.possibleDuplicate ? 'possible-duplicate' : undefined}>
      <td>
        <StateBadge state={message.state} />
      </td>
      <td className="ellipsis-cell">
        <DuplicateFlag possibleDuplicate={message.possibleDuplicate} />
        <a href={hrefOf('outbox', message.id)}>{message.subject}</a>
        {message.reason && <div className="muted small">{message.reason}</div>}
      </td>
      <td className="recipients-cell">
        {/* One address a line, never broken inside: a long one ends in an ellipsis and shows whole in its title. */}
        {message.to.map((address) => (
          <div key={address} className="ellipsis" title={address}>
            {address}
          </div>
        ))}
      </td>
      <td className="num">{message.attempts}</td>
      <td title={message.nextAttemptAt ?? undefined} className="next-retry-cell">
        {message.state === 'retry-wait' && message.nextAttemptAt && (
          <>
            {relativeTime(message.nextAttemptAt)}
            <div className="muted small">{shortTime(message.nextAttemptAt)}</div>
          </>
        )}
      </td>
      <td>
        <MessageActions message={message} />
      </td>
    </tr>
  );
}

export function OutboxView({ openId }: { openId?: string }) {
  const api = useApi();
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => api.messages.list({ states: outboxStates, cursor, limit }),
    [api],
  );
  const list = usePagedList(fetchPage, 'outbox', byCreated);
  useEffect(() => preloadWhenIdle('message'), []);
  const { patch } = list;
  useEffect(() => api.messages.onDidChange(({ changed }) => patch(changed, inOutbox)), [api, patch]);

  if (openId)
    return (
      <ViewLoading>
        <MessageDetailView id={openId} from="outbox" />
      </ViewLoading>
    );
  if (list.status === 'failed' && list.error) {
    return (
      <Notice tone="error" title="The outbox is not available">
        {describeError(list.error, 'The outbox')}
      </Notice>
    );
  }
  if (list.status === 'ready' && list.total === 0) {
    return <EmptyState title="The outbox is empty">Messages waiting to be delivered or retried appear here.</EmptyState>;
  }
  const shown = list.items.slice(0, list.total);
  return (
    <div className="outbox">
      <Counts />
      <table className="table outbox-table" aria-label="Messages waiting in the outbox">
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Subject</th>
            <th scope="col">Recipients</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Next retry</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.status === 'loading' && shown.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Loading the outbox…
              </td>
            </tr>
          )}
          {shown.map((message) => (
            <Row key={message.id} message={message} />
          ))}
        </tbody>
      </table>
      {shown.length < list.total && (
        <button type="button" className="more" onClick={() => list.ensure(shown.length + 199)}>
          Show more ({(list.total - shown.length).toLocaleString()} not shown)
        </button>
      )}
    </div>
  );
}
