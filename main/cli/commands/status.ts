// `faxdesk status [--json]`: every message with its state and attempts; works while an engine runs.
import type { MessageDetail } from '../../../shared/contract';
import { readLock } from '../../core/dataLock';
import type { FaxRow } from '../../core/store/faxRepository';
import type { Command } from '../command';
import { withClientEngine } from '../engineFor';

/** The shape scripts rely on: { messages: [{ id, kind, state, to, subject, messageId, possibleDuplicate, attempts: [...] }] }. */
export function statusEntry(message: MessageDetail) {
  return {
    id: message.id,
    kind: message.kind,
    state: message.state,
    to: message.to,
    subject: message.subject,
    messageId: message.messageId,
    possibleDuplicate: message.possibleDuplicate,
    reason: message.reason,
    createdAt: message.createdAt,
    deliveredAt: message.deliveredAt,
    nextAttemptAt: message.nextAttemptAt,
    recipients: message.recipients,
    attempts: message.attemptList.map((attempt) => ({
      number: attempt.number,
      outcome: attempt.outcome,
      startedAt: attempt.startedAt,
      endedAt: attempt.endedAt,
      phase: attempt.phase,
      /** Every server reply of the attempt, in order. */
      replies: attempt.transcript.filter((line) => line.dir === 'S').map((line) => line.text),
      commitReply: attempt.commitReply,
      quitReply: attempt.quitReply,
      error: attempt.error,
      explanation: attempt.explanation,
    })),
  };
}

/** A fax in `status --json`: { id, from, to, csid, pages, receivedAt, sha256, messageIds, ... }. */
export function faxEntry(fax: FaxRow) {
  return {
    id: fax.id,
    from: fax.from,
    to: fax.to,
    csid: fax.csid,
    pages: fax.pages,
    receivedAt: fax.receivedAt,
    sha256: fax.sha256,
    messageIds: fax.messageIds,
    format: fax.format,
    file: fax.libraryPath,
    originalName: fax.originalName,
    deliverTo: fax.deliverTo,
    routed: fax.mailState !== 'not-routed',
    deliveryState: fax.deliveryState,
    read: fax.read,
  };
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show every message with its state and attempts, the faxes and the rejected spool files',
  usage: 'faxdesk status [--json] [--data DIR]',
  options: { json: { type: 'boolean' } },
  async run(context) {
    const { values, out, dataDir } = context;
    return withClientEngine(context, (engine) => {
      const running = readLock(dataDir);
      if (values.json) {
        const messages = [...engine.messages.all()].map(statusEntry);
        const faxes = [...engine.inbox.faxes.all()].map(faxEntry);
        const rejected = engine.inbox.faxes.rejected(1000);
        out(JSON.stringify({ messages, faxes, rejected, counts: engine.messages.counts(), engine: running }, null, 2));
        return 0;
      }
      const counts = engine.messages.counts();
      out(`${counts.total} messages: ${counts.queued} queued, ${counts.sending} sending, ${counts.retryWait} waiting to retry, ${counts.held} held, ${counts.failed} failed, ${counts.delivered} delivered, ${counts.cancelled} cancelled.`);
      out(running ? `Engine: ${running.holder}, since ${running.startedAt}.` : 'Engine: not running.');
      const faxes = engine.inbox.faxes.list({ limit: 1 }).total;
      const rejected = engine.inbox.faxes.rejected(1000).length;
      out(`${faxes} faxes in the library, ${engine.inbox.faxes.unreadCount()} unread; ${rejected} spool files rejected (see spool/rejected/).`);
      for (const message of engine.messages.all()) {
        const flag = message.possibleDuplicate ? ' (possible duplicate)' : '';
        out(`${message.id}  ${message.state.padEnd(10)}  ${message.attempts} attempt(s)  ${message.to.join(', ')}  ${message.subject}${flag}`);
        if (message.reason) out(`    ${message.reason}`);
      }
      return 0;
    }, { existing: true });
  },
};
