// `faxdesk status [--json]`: every message with its state and attempts; works while an engine runs.
import type { MessageDetail } from '../../../shared/contract';
import { readLock } from '../../core/dataLock';
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

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show every message with its state and attempts',
  usage: 'faxdesk status [--json] [--data DIR]',
  options: { json: { type: 'boolean' } },
  async run(context) {
    const { values, out, dataDir } = context;
    return withClientEngine(context, (engine) => {
      const running = readLock(dataDir);
      if (values.json) {
        const messages = [...engine.messages.all()].map(statusEntry);
        out(JSON.stringify({ messages, counts: engine.messages.counts(), engine: running }, null, 2));
        return 0;
      }
      const counts = engine.messages.counts();
      out(`${counts.total} messages: ${counts.queued} queued, ${counts.sending} sending, ${counts.retryWait} waiting to retry, ${counts.held} held, ${counts.failed} failed, ${counts.delivered} delivered, ${counts.cancelled} cancelled.`);
      out(running ? `Engine: ${running.holder}, since ${running.startedAt}.` : 'Engine: not running.');
      for (const message of engine.messages.all()) {
        const flag = message.possibleDuplicate ? ' (possible duplicate)' : '';
        out(`${message.id}  ${message.state.padEnd(10)}  ${message.attempts} attempt(s)  ${message.to.join(', ')}  ${message.subject}${flag}`);
        if (message.reason) out(`    ${message.reason}`);
      }
      return 0;
    });
  },
};
