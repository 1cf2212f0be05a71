// One outgoing message: its recipients and every attempt with the phase reached, the outcome in plain words and
// the SMTP transcript, with a clear warning where copies may have arrived more than once.
import { useEffect } from 'react';
import type { AttemptView, MessageDetail } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { describeError, useCall } from '../api/useCall';
import { MessageActions } from '../components/MessageActions';
import { Notice } from '../components/Notice';
import { StateBadge } from '../components/StateBadge';
import { Transcript } from '../components/Transcript';
import { useEscapeBack } from '../components/useEscapeBack';
import { bytes, kindLabels, longTime, outcomeLabels, relativeTime, shortTime } from '../format';
import { hrefOf, type SectionId } from './sections';

/** Attempts after which the server may hold a copy although faxdesk tries again. */
const mayHaveArrived = new Set(['accepted-quit-dropped', 'uncertain']);

function Attempt({ attempt, open, triedAgain }: { attempt: AttemptView; open: boolean; triedAgain: boolean }) {
  const outcome = attempt.outcome;
  return (
    <li className="attempt" data-testid="attempt">
      <div className="attempt-head">
        <h4>Attempt {attempt.number}</h4>
        <span className={`badge outcome-${outcome ?? 'running'}`}>{outcome ? outcomeLabels[outcome] : 'In progress'}</span>
        <span className="muted">
          {shortTime(attempt.startedAt)}
          {attempt.endedAt ? ` – ${shortTime(attempt.endedAt)}` : ''} · phase reached: <code>{attempt.phase}</code>
        </span>
      </div>
      <p className="explanation" data-testid="attempt-explanation">
        {attempt.explanation}
      </p>
      {outcome && mayHaveArrived.has(outcome) && triedAgain && (
        <Notice tone="warning">
          {outcome === 'uncertain'
            ? 'The server may have accepted this attempt before going silent, so trying again may deliver a second copy.'
            : 'The server had accepted this attempt, so trying again may deliver a second copy.'}
        </Notice>
      )}
      <dl className="compact">
        {attempt.commitReply && (
          <>
            <dt>Reply to the final dot</dt>
            <dd>
              <code>{attempt.commitReply}</code>
            </dd>
          </>
        )}
        {attempt.quitReply && (
          <>
            <dt>Reply to QUIT</dt>
            <dd>
              <code>{attempt.quitReply}</code>
            </dd>
          </>
        )}
        {attempt.error && (
          <>
            <dt>Error</dt>
            <dd>
              <code>{attempt.error.code}</code> {attempt.error.message}
            </dd>
          </>
        )}
      </dl>
      <details open={open}>
        <summary>SMTP transcript ({attempt.transcript.length} lines)</summary>
        <Transcript lines={attempt.transcript} />
      </details>
    </li>
  );
}

function Summary({ message }: { message: MessageDetail }) {
  return (
    <dl className="summary">
      <dt>State</dt>
      <dd data-testid="message-state">
        <StateBadge state={message.state} />
        {message.nextAttemptAt && message.state === 'retry-wait' && (
          <span className="muted">
            {' '}
            next attempt {relativeTime(message.nextAttemptAt)} ({shortTime(message.nextAttemptAt)})
          </span>
        )}
      </dd>
      <dt>Kind</dt>
      <dd>{kindLabels[message.kind]}</dd>
      <dt>From</dt>
      <dd>{message.from}</dd>
      <dt>Message-ID</dt>
      <dd>
        <code>{message.messageId}</code>
      </dd>
      <dt>Created</dt>
      <dd>{longTime(message.createdAt)}</dd>
      {message.deliveredAt && (
        <>
          <dt>Delivered</dt>
          <dd>{longTime(message.deliveredAt)}</dd>
        </>
      )}
      <dt>Size</dt>
      <dd>{bytes(message.sizeBytes)}</dd>
      {message.faxId && (
        <>
          <dt>Fax</dt>
          <dd>
            <a href={hrefOf('received', message.faxId)}>Open the received fax</a>
          </dd>
        </>
      )}
    </dl>
  );
}

export function MessageDetailView({ id, from = 'sent' }: { id: string; from?: SectionId }) {
  const api = useApi();
  const loaded = useCall(() => api.messages.get({ id }), id);
  const { reload } = loaded;
  useEscapeBack(hrefOf(from));
  useEffect(() => api.messages.onDidChange(({ changed }) => changed.some((item) => item.id === id) && reload()), [api, id, reload]);

  const message = loaded.value;
  const attempts = message?.attemptList ?? [];
  return (
    <div className="detail message-detail">
      <div className="detail-bar">
        <a href={hrefOf(from)} className="back">
          ← {from === 'outbox' ? 'Outbox' : 'Sent & deliveries'}
        </a>
        <h2>{message?.subject ?? 'Message'}</h2>
        <span className="spacer" />
        {message && <MessageActions message={message} onDone={reload} />}
      </div>
      {loaded.status === 'failed' && <Notice tone="error">{describeError(loaded.error, 'This message')}</Notice>}
      {!message && loaded.status === 'loading' && <p className="muted pad">Loading…</p>}
      {message && (
        <div className="detail-scroll">
          {message.possibleDuplicate && (
            <Notice tone="warning" title="This message may have arrived more than once">
              An earlier attempt may have been accepted by the server before the connection failed, so the recipients may
              find two copies with the same Message-ID. Most mail systems drop the second by that ID.
            </Notice>
          )}
          {message.reason && (message.state === 'held' || message.state === 'failed') && (
            <Notice tone={message.state === 'failed' ? 'error' : 'warning'} title={message.state === 'held' ? 'Held for you' : 'Not delivered'}>
              {message.reason}
            </Notice>
          )}
          <Summary message={message} />
          <h3>Recipients</h3>
          <table className="table recipients">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">State</th>
                <th scope="col">Last reply</th>
              </tr>
            </thead>
            <tbody>
              {message.recipients.map((recipient) => (
                <tr key={recipient.address}>
                  <td>{recipient.address}</td>
                  <td>{{ pending: 'Pending', accepted: 'Accepted', failed: 'Refused' }[recipient.state]}</td>
                  <td>
                    <code>{recipient.lastReply ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Attempts</h3>
          {attempts.length === 0 ? (
            <p className="muted">No attempt yet.</p>
          ) : (
            <ol className="attempts">
              {attempts.map((attempt, index) => (
                <Attempt
                  key={attempt.number}
                  attempt={attempt}
                  open={index === attempts.length - 1}
                  triedAgain={index < attempts.length - 1 || message.state !== 'delivered'}
                />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
