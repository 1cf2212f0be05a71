// A scripted delivery agent for the queue's unit tests: each message's attempt follows a named script, the hooks are
// called as the real agent calls them, and `accepted` counts the copies the "server" took, per Message-ID file.
import fs from 'node:fs';
import type {
  AttemptResult,
  DeliveryAgentPort,
  DeliveryHooks,
  OutgoingMessage,
  RecipientResult,
  SmtpSettings,
} from '../../main/core/outbox/deliveryPort';
import type { Clock } from '../../main/core/clock';

/**
 * What one attempt does. 'hang-after-dot' / 'hang-after-commit' / 'hang-before-dot' never return (a process killed
 * there); 'not-started' leaves the message out of the results (a shared session that broke before it); 'throw' makes
 * deliver() reject (an agent bug).
 */
export type Script =
  | 'delivered'
  | 'dropped-quit'
  | 'uncertain'
  | 'temporary'
  | 'permanent'
  | 'not-started'
  | 'hang-before-dot'
  | 'hang-after-dot'
  | 'hang-after-commit'
  | 'throw'
  | { recipients: Record<string, RecipientResult['status']>; hangAfterCommit?: boolean };

export interface DeliverCall {
  messages: OutgoingMessage[];
  reuseSession: boolean;
  settings: SmtpSettings;
}

export class FakeAgent implements DeliveryAgentPort {
  readonly calls: DeliverCall[] = [];
  /** Copies the fake server accepted, per message id. */
  readonly accepted = new Map<string, number>();
  /** Addresses each copy went to. */
  readonly acceptedFor: Array<{ id: string; to: string[] }> = [];
  /** Most deliver() calls ever under way at once. */
  maxConcurrent = 0;
  private concurrent = 0;
  private readonly attemptsById = new Map<string, number>();
  /** Decides each attempt; by default every attempt is delivered. */
  script: (message: OutgoingMessage, attempt: number) => Script = () => 'delivered';
  /** Called after onCommit returned, before "QUIT": tests check the commit is already stored. */
  afterCommit?: (id: string) => void;
  /** Attempts that reached a 'hang-…' point (a test then "kills" the process). */
  hung = 0;
  /** Transcript lines the fake adds to every attempt (e.g. to check scrubbing). */
  extraTranscript: string[] = [];

  constructor(private readonly clock: Clock) {}

  attemptsOf(id: string): number {
    return this.attemptsById.get(id) ?? 0;
  }

  async deliver(settings: SmtpSettings, messages: OutgoingMessage[], hooks: DeliveryHooks, options: { reuseSession: boolean }): Promise<AttemptResult[]> {
    this.calls.push({ messages, reuseSession: options.reuseSession, settings });
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      // A turn of the event loop, as a real session takes: other sessions can run meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      const results: AttemptResult[] = [];
      for (const message of messages) {
        const attempt = (this.attemptsById.get(message.id) ?? 0) + 1;
        const script = this.script(message, attempt);
        if (script === 'not-started') break;
        this.attemptsById.set(message.id, attempt);
        if (script === 'throw') throw new Error('agent bug');
        fs.readFileSync(message.emlPath);
        results.push(await this.attempt(message, script, hooks));
      }
      return results;
    } finally {
      this.concurrent--;
    }
  }

  private async attempt(message: OutgoingMessage, script: Exclude<Script, 'not-started' | 'throw'>, hooks: DeliveryHooks): Promise<AttemptResult> {
    const at = new Date(this.clock.now()).toISOString();
    const base = { messageId: message.id, startedAt: at, endedAt: at, transcript: this.extraTranscript.map((text) => ({ at, dir: 'C' as const, text })) };
    const all = (status: RecipientResult['status'], reply: string) => message.to.map((address) => ({ address, status, reply }));
    const commit = async (to: string[], recipients: RecipientResult[] = all('accepted', '250 2.1.5 Ok')) => {
      await hooks.onDotSent?.(message.id);
      this.accepted.set(message.id, (this.accepted.get(message.id) ?? 0) + 1);
      this.acceptedFor.push({ id: message.id, to });
      const reply = `250 2.0.0 Ok: queued as Q${this.acceptedFor.length}`;
      await hooks.onCommit(message.id, reply, at, recipients);
      this.afterCommit?.(message.id);
      return { reply, at };
    };
    const never = () => {
      this.hung++;
      return new Promise<never>(() => {});
    };
    if (typeof script === 'object') {
      const recipients = message.to.map((address) => {
        const status = script.recipients[address] ?? 'accepted';
        const reply = status === 'accepted' ? '250 2.1.5 Ok' : status === 'temporary' ? '450 4.2.0 Mailbox busy' : '550 5.1.1 No such user';
        return { address, status, reply };
      });
      const acceptedTo = recipients.filter((r) => r.status === 'accepted').map((r) => r.address);
      if (acceptedTo.length === 0) {
        const permanent = recipients.every((r) => r.status === 'permanent');
        return { ...base, outcome: permanent ? 'permanent' : 'temporary', phase: 'rcpt', recipients, error: { code: 'EENVELOPE', message: 'No recipient was accepted' } };
      }
      const done = await commit(acceptedTo, recipients);
      if (script.hangAfterCommit) return never();
      return { ...base, outcome: 'delivered', phase: 'quit', recipients, commit: done, quitReply: '221 2.0.0 Bye' };
    }
    switch (script) {
      case 'delivered': {
        const done = await commit(message.to);
        return { ...base, outcome: 'delivered', phase: 'quit', recipients: all('accepted', '250 2.1.5 Ok'), commit: done, quitReply: '221 2.0.0 Bye' };
      }
      case 'dropped-quit': {
        const done = await commit(message.to);
        return {
          ...base,
          outcome: 'accepted-quit-dropped',
          phase: 'quit',
          recipients: all('accepted', '250 2.1.5 Ok'),
          commit: done,
          error: { code: 'ECONNRESET', message: 'Connection reset after QUIT' },
        };
      }
      case 'uncertain':
        await hooks.onDotSent?.(message.id);
        return { ...base, outcome: 'uncertain', phase: 'dot-sent', recipients: all('temporary', '250 2.1.5 Ok'), dotSent: true, error: { code: 'ECONNRESET', message: 'Connection reset' } };
      case 'temporary':
        return { ...base, outcome: 'temporary', phase: 'mail', recipients: [], error: { code: 'EENVELOPE', message: 'Try later', reply: '451 4.3.0 Try later' } };
      case 'permanent':
        return { ...base, outcome: 'permanent', phase: 'mail', recipients: [], error: { code: 'EENVELOPE', message: 'Refused', reply: '554 5.7.1 Refused' } };
      case 'hang-before-dot':
        return never();
      case 'hang-after-dot':
        await hooks.onDotSent?.(message.id);
        return never();
      case 'hang-after-commit':
        await commit(message.to);
        return never();
    }
  }
}
