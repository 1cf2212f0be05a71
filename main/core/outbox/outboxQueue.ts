// The queue manager (Postfix's qmgr): owns message state, schedules attempts and retries, limits concurrent sessions,
// records the commit point before QUIT, and resolves at startup what a stopped process left in flight.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { MessageCounts, MessageSummary } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../clock';
import { Emitter } from '../event';
import type { Logger } from '../logger';
import type { PrefKey, Prefs } from '../../../shared/prefs';
import type { ClaimedMessage, InterruptedMessage, MessageRepository, NewMessage, Transition } from '../store/messageRepository';
import type { EnqueueInput, MessageComposer } from './compose';
import { decideAfterAttempt, type DeliveryPolicy } from './decide';
import { GroupCommit } from './groupCommit';
import type { AttemptResult, DeliveryAgentPort, SmtpSettings, TranscriptLine } from './deliveryPort';
import { explainAttempt } from '../smtp/outcome';

/** How many attempts are recorded in one go at the end of a session before the event loop gets a turn. */
const FINISH_SLICE = 20;

/** Where mail goes right now, or why it cannot go (then messages wait in `held`). */
export type DeliveryTarget = { ok: true; settings: SmtpSettings; local: boolean; label: string } | { ok: false; reason: string };

export interface OutboxActivity {
  delivering: number;
  nextRetryAt: string | null;
  target: { local: boolean; label: string } | null;
  /** Why nothing can be delivered, when that is so. */
  blocked: string | null;
  /** The server did not answer the last session at all (no connection, or no greeting): what happened, in words. */
  unreachable: string | null;
}

export interface MessagesChange {
  changed: MessageSummary[];
  counts: MessageCounts;
}

export interface PrefsReader {
  get<K extends PrefKey>(key: K): Prefs[K];
  onDidChange(listener: (change: { keys: PrefKey[] }) => void): () => void;
}

export interface OutboxQueueDeps {
  repository: MessageRepository;
  composer: MessageComposer;
  clock: Clock;
  logger: Logger;
  prefs: PrefsReader;
  agent: DeliveryAgentPort;
  target(): DeliveryTarget;
  /** The data folder: .eml paths in the store are relative to it. */
  dataDir: string;
  /** Secrets to scrub from transcripts, whatever the agent wrote (defence in depth: the agent never should). */
  secrets?(): string[];
  random?(): number;
  /** Messages per shared session when a session may carry several (treatDroppedQuitAsDelivered on). */
  batchSize?: number;
  /** How often to look for changes other processes made (`faxdesk send` while `run` works); 0: never. */
  pollMs?: number;
}

export class OutboxQueue {
  private readonly messagesEmitter = new Emitter<MessagesChange>();
  /** Messages whose state or attempts changed, with the new counts (batched per turn of the event loop). */
  readonly onDidChangeMessages = this.messagesEmitter.event;
  private readonly activityEmitter = new Emitter<OutboxActivity>();
  readonly onDidChangeActivity = this.activityEmitter.event;
  private readonly idleEmitter = new Emitter<void>();

  private running = false;
  private readonly sessions = new Set<Promise<void>>();
  private delivering = 0;
  private wakeTimer: TimerHandle | undefined;
  private wakeAt: number | undefined;
  private pollTimer: TimerHandle | undefined;
  private lastDataVersion = 0;
  private pendingChanges = new Set<string>();
  private flushScheduled = false;
  private disposePrefs: (() => void) | undefined;
  private lastActivity = '';
  private blocked: string | null = null;
  private unreachable: string | null = null;

  private readonly inserts: GroupCommit<NewMessage, MessageSummary>;

  constructor(private readonly deps: OutboxQueueDeps) {
    this.inserts = new GroupCommit((messages) => deps.repository.insertManyDurably(messages));
  }

  /** Resolves what a stopped process left `sending`, then starts delivering. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.recover();
    this.disposePrefs = this.deps.prefs.onDidChange(({ keys }) => {
      if (keys.some((key) => key.startsWith('smtp.') || key.startsWith('delivery.'))) this.refresh();
    });
    this.refresh();
    this.lastDataVersion = this.deps.repository.dataVersion();
    this.schedulePoll();
  }

  /** Stops starting sessions and waits (up to graceMs) for the ones under way; what is left is recovered next start. */
  async stop(graceMs = 30_000): Promise<void> {
    this.running = false;
    this.disposePrefs?.();
    this.wakeTimer?.cancel();
    this.pollTimer?.cancel();
    this.wakeTimer = this.pollTimer = undefined;
    if (this.sessions.size === 0) return;
    let timer: TimerHandle | undefined;
    await Promise.race([
      Promise.all(this.sessions),
      new Promise<void>((resolve) => {
        timer = this.deps.clock.setTimeout(resolve, graceMs);
      }),
    ]);
    timer?.cancel();
  }

  /** Composes the message (Message-ID fixed now), stores it and schedules it. Throws ComposeError for bad input. */
  async enqueue(input: EnqueueInput): Promise<MessageSummary> {
    // Queued already under the id the caller chose (it recorded the id, then stopped before it knew): the same message,
    // never a second one, and its .eml is not written again.
    if (input.id !== undefined && this.deps.repository.exists(input.id)) return this.deps.repository.summary(input.id);
    const from = this.deps.prefs.get('mail.from');
    const composed = await this.deps.composer.compose(input, from);
    const target = this.deps.target();
    let summary: MessageSummary;
    try {
      summary = await this.inserts.add({
        id: composed.id,
        kind: input.kind,
        subject: input.subject,
        from,
        to: composed.to,
        messageId: composed.messageId,
        emlPath: path.relative(this.deps.dataDir, composed.file),
        sizeBytes: composed.sizeBytes,
        faxId: input.faxId ?? null,
        createdAt: this.deps.clock.now(),
        ...(target.ok ? { state: 'queued' as const } : { state: 'held' as const, holdCause: 'not-configured' as const, reason: target.reason }),
      });
    } catch (error) {
      await fsp.rm(composed.file, { force: true });
      throw error;
    }
    this.deps.logger.log('info', { component: 'outbox', messageId: summary.id, kind: summary.kind, state: summary.state }, 'message enqueued');
    this.changed(summary.id);
    this.pump();
    return summary;
  }

  /** "Retry now": a waiting, failed or held message goes back to the queue at once, with a new attempt budget. */
  retryNow(id: string): MessageSummary {
    const now = this.deps.clock.now();
    const summary = this.deps.repository.transition(
      id,
      ['retry-wait', 'failed', 'held'],
      { state: 'queued', nextAttemptAt: now, reason: null, holdCause: null },
      now,
      { resetBudget: true, retryFailedRecipients: true },
    );
    return this.afterUserAction(summary, 'retry now');
  }

  cancel(id: string): MessageSummary {
    const now = this.deps.clock.now();
    const summary = this.deps.repository.transition(id, ['queued', 'retry-wait', 'held', 'failed'], { state: 'cancelled', reason: 'Cancelled by the user.' }, now);
    return this.afterUserAction(summary, 'cancelled');
  }

  /** Releases a held message: an uncertain delivery reviewed (it may arrive twice), or a server now configured. */
  release(id: string): MessageSummary {
    const now = this.deps.clock.now();
    const summary = this.deps.repository.transition(id, ['held'], { state: 'queued', nextAttemptAt: now, reason: null, holdCause: null }, now, {
      resetBudget: true,
    });
    return this.afterUserAction(summary, 'released');
  }

  /** Resolves when no session is under way (tests and shutdown use it; the queue may start new ones afterwards). */
  async settled(): Promise<void> {
    while (this.sessions.size > 0) await Promise.all(this.sessions);
  }

  /** Resolves once no message is queued, sending or waiting to retry (held ones need a person, so they do not count). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.sessions.size === 0 && !this.deps.repository.hasActive()) {
          dispose();
          resolve();
        }
      };
      const dispose = this.idleEmitter.event(check);
      check();
    });
  }

  activity(): OutboxActivity {
    const target = this.deps.target();
    const due = this.deps.repository.nextDueAt();
    const now = this.deps.clock.now();
    return {
      delivering: this.delivering,
      nextRetryAt: due !== null && due > now ? new Date(due).toISOString() : null,
      target: target.ok ? { local: target.local, label: target.label } : null,
      blocked: target.ok ? null : target.reason,
      unreachable: target.ok ? this.unreachable : null,
    };
  }

  private afterUserAction(summary: MessageSummary, action: string): MessageSummary {
    this.deps.logger.log('info', { component: 'outbox', messageId: summary.id, state: summary.state }, `message ${action}`);
    this.changed(summary.id);
    this.pump();
    return summary;
  }

  private policy(): DeliveryPolicy {
    const p = this.deps.prefs;
    return {
      treatDroppedQuitAsDelivered: p.get('delivery.treatDroppedQuitAsDelivered'),
      holdUncertain: p.get('delivery.holdUncertain'),
      maxAttempts: p.get('delivery.maxAttempts'),
      maxAgeHours: p.get('delivery.maxAgeHours'),
      retryMinSeconds: p.get('delivery.retryMinSeconds'),
      retryMaxSeconds: p.get('delivery.retryMaxSeconds'),
    };
  }

  /** SMTP settings changed: messages held for want of a server go back to the queue when there is one now. */
  refresh(): void {
    if (!this.running) return;
    const target = this.deps.target();
    const now = this.deps.clock.now();
    // New settings: whether the server answers is for the next session to find out.
    this.unreachable = null;
    if (target.ok) {
      this.blocked = null;
      const ids = this.deps.repository.transitionAll(['held'], 'not-configured', { state: 'queued', nextAttemptAt: now }, now);
      ids.forEach((id) => this.changed(id));
    }
    this.pump();
  }

  /** Starts sessions for due messages, up to delivery.connections at once, then sleeps until the next one falls due. */
  private pump(): void {
    if (!this.running) return;
    const now = this.deps.clock.now();
    const target = this.deps.target();
    if (!target.ok) {
      this.holdEverything(target.reason, now);
    } else {
      const reuseSession = this.deps.prefs.get('delivery.treatDroppedQuitAsDelivered');
      // Strict mode: one message per session, each confirmed only by its own 221. Otherwise the due messages are shared
      // out over the free connections: opening a session costs round trips (TLS, AUTH; smtp-server even waits 100 ms
      // before its greeting), so a session carries as many as is fair, up to batchSize.
      const connections = this.deps.prefs.get('delivery.connections');
      while (this.sessions.size < connections) {
        const free = connections - this.sessions.size;
        const perSession = reuseSession ? Math.min(this.deps.batchSize ?? 200, Math.max(1, Math.ceil(this.deps.repository.dueCount(now) / free))) : 1;
        const batch = this.deps.repository.claimDue(now, perSession);
        if (batch.length === 0) break;
        batch.forEach((message) => this.changed(message.id));
        const session = this.runSession(batch, target, reuseSession).finally(() => {
          this.sessions.delete(session);
          this.pump();
          this.idleEmitter.fire();
        });
        this.sessions.add(session);
      }
    }
    this.scheduleWake();
    this.reportActivity();
  }

  private holdEverything(reason: string, now: number): void {
    if (this.blocked !== reason) this.deps.logger.log('warn', { component: 'outbox', reason }, 'delivery is on hold');
    this.blocked = reason;
    const ids = this.deps.repository.transitionAll(['queued', 'retry-wait'], null, { state: 'held', holdCause: 'not-configured', reason }, now);
    ids.forEach((id) => this.changed(id));
  }

  private scheduleWake(): void {
    if (!this.running) return;
    const due = this.deps.repository.nextDueAt();
    if (due === null || this.sessions.size >= this.deps.prefs.get('delivery.connections')) {
      this.wakeTimer?.cancel();
      this.wakeTimer = this.wakeAt = undefined;
      return;
    }
    if (this.wakeTimer && this.wakeAt === due) return;
    this.wakeTimer?.cancel();
    this.wakeAt = due;
    this.wakeTimer = this.deps.clock.setTimeout(
      () => {
        this.wakeTimer = this.wakeAt = undefined;
        this.pump();
      },
      Math.max(0, due - this.deps.clock.now()),
    );
  }

  /** Notices what another process wrote (a `faxdesk send`, `retry`, `cancel` while this engine runs). */
  private schedulePoll(): void {
    const pollMs = this.deps.pollMs ?? 2000;
    if (!this.running || pollMs <= 0) return;
    this.pollTimer = this.deps.clock.setTimeout(() => {
      const version = this.deps.repository.dataVersion();
      if (version !== this.lastDataVersion) {
        this.lastDataVersion = version;
        this.pump();
        this.idleEmitter.fire();
      }
      this.schedulePoll();
    }, pollMs);
  }

  private async runSession(batch: ClaimedMessage[], target: Extract<DeliveryTarget, { ok: true }>, reuseSession: boolean): Promise<void> {
    const ready: ClaimedMessage[] = [];
    for (const message of batch) {
      const problem = await this.checkMessageFile(message);
      if (problem) this.finish(message, this.localFailure(message, 'EMESSAGE', problem));
      else ready.push(message);
    }
    if (ready.length === 0) return;
    const clock = this.deps.clock;
    const repository = this.deps.repository;
    this.delivering += ready.length;
    this.reportActivity();
    let results: AttemptResult[] | undefined;
    try {
      results = await this.deps.agent.deliver(
        target.settings,
        ready.map((m) => ({ id: m.id, from: m.from, to: m.to, emlPath: path.resolve(this.deps.dataDir, m.emlPath) })),
        {
          // RFC 1047: recorded before the dot is written, so a crash inside the window is known to be uncertain.
          onDotSent: (id) => repository.recordDotSent(id, clock.now()),
          // RFC 5321 4.1.1.4: the 250 after the dot is the commit point; one durable transaction before QUIT.
          onCommit: (id, reply, at, recipients) => repository.recordCommit(id, reply, Date.parse(at) || clock.now(), recipients),
        },
        { reuseSession },
      );
    } catch (error) {
      // The agent promises never to throw for SMTP trouble; a bug there must not lose or corrupt a message.
      this.deps.logger.log('error', { component: 'outbox', error: String(error) }, 'delivery agent failed');
    } finally {
      this.delivering -= ready.length;
    }
    if (results) this.noteReachability(target, results);
    const byId = new Map((results ?? []).map((result) => [result.messageId, result]));
    for (const [index, message] of ready.entries()) {
      // A session of 200 messages takes tens of ms to record: the window shares this thread, so let it draw between.
      if (index > 0 && index % FINISH_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const result = byId.get(message.id);
      if (result) this.finish(message, result);
      else this.resolveUnfinished(message, results === undefined);
    }
  }

  /**
   * A session that never heard the server (refused, reset or timed out before any greeting) means the server is
   * unreachable, which the status bar says until a later session hears it: a person then looks at the network or the
   * server name rather than at each message's retries.
   */
  private noteReachability(target: Extract<DeliveryTarget, { ok: true }>, results: AttemptResult[]): void {
    const silent = (result: AttemptResult) =>
      result.outcome === 'temporary' && (result.phase === 'connect' || result.phase === 'greeting') && !result.error?.reply;
    if (results.length === 0) return;
    const first = results[0]!;
    const unreachable = results.every(silent) ? `${target.label} did not answer (${first.error?.code ?? 'no reply'})` : null;
    if (unreachable === this.unreachable) return;
    this.deps.logger.log(unreachable ? 'warn' : 'info', { component: 'outbox', server: target.label, error: first.error?.code }, unreachable ? 'server unreachable' : 'server reachable again');
    this.unreachable = unreachable;
  }

  /** The .eml must be there and as large as when it was composed; otherwise the message cannot be sent as it was. */
  private async checkMessageFile(message: ClaimedMessage): Promise<string | null> {
    const file = path.resolve(this.deps.dataDir, message.emlPath);
    try {
      const stat = await fsp.stat(file);
      if (!stat.isFile()) return `The composed message ${message.emlPath} is not a file.`;
      if (stat.size !== message.sizeBytes) {
        return `The composed message ${message.emlPath} is damaged (${stat.size} bytes, ${message.sizeBytes} were written).`;
      }
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? `The composed message ${message.emlPath} is missing.` : `The composed message ${message.emlPath} cannot be read (${code}).`;
    }
  }

  private localFailure(message: ClaimedMessage, code: string, text: string): AttemptResult {
    const at = new Date(this.deps.clock.now()).toISOString();
    return {
      messageId: message.id,
      outcome: 'permanent',
      phase: 'connect',
      transcript: [{ at, dir: 'i', text }],
      recipients: [],
      error: { code, message: text },
      startedAt: at,
      endedAt: at,
    };
  }

  /**
   * A claimed message with no result: a shared session broke before it started (back to the queue, not counted), or
   * the agent failed, which is resolved like a crash from what was recorded.
   */
  private resolveUnfinished(message: ClaimedMessage, agentFailed: boolean): void {
    const interrupted = this.deps.repository.interrupted().find((m) => m.id === message.id);
    if (!interrupted) return;
    if (!agentFailed && interrupted.dotSentAt === null && interrupted.commitAt === null) {
      this.deps.repository.unclaim(message.seq, message.attempt, this.deps.clock.now());
      this.changed(message.id);
      return;
    }
    this.recoverOne(interrupted, agentFailed ? 'the delivery agent failed' : 'the session ended');
  }

  /** Startup: every message left `sending` is resolved from what its last attempt recorded. */
  private recover(): void {
    for (const message of this.deps.repository.interrupted()) this.recoverOne(message, 'faxdesk stopped');
  }

  /**
   * Resolves an attempt that ended without a result: from the commit point or the dot mark it recorded, else as a
   * temporary failure. When faxdesk itself stopped, the attempt does not use up delivery.maxAttempts and an attempt cut
   * before the dot is sent again at once; an agent failure counts and waits, so a bug cannot make a hot loop.
   * One transaction: a stop half-way through must leave the message `sending` as it was, not with the interrupted
   * attempt already taken off its count, to be taken off again at the next start.
   */
  private recoverOne(message: InterruptedMessage, why: string): void {
    this.deps.repository.transaction(() => this.resolveInterrupted(message, why));
  }

  private resolveInterrupted(message: InterruptedMessage, why: string): void {
    const crashed = why === 'faxdesk stopped';
    const now = this.deps.clock.now();
    const at = new Date(now).toISOString();
    const base = { messageId: message.id, startedAt: new Date(message.startedAt).toISOString(), endedAt: at };
    this.deps.repository.ensureAttemptRow(message.seq, message.attempt, message.startedAt);
    if (crashed) this.deps.repository.markUncounted(message.seq);
    const claimed = crashed ? { ...message, countedAttempts: message.countedAttempts - 1 } : message;
    if (message.commitAt !== null && message.commitReply !== null) {
      // The 250 was stored before QUIT: the server took responsibility (RFC 5321 4.1.1.4) for the recipients it
      // accepted at RCPT, stored with the commit; those it refused for now are retried. (A commit stored without them
      // by an older faxdesk counts for every recipient it was sent to.)
      this.finish(claimed, {
        ...base,
        outcome: 'accepted-quit-dropped',
        phase: 'accepted',
        transcript: [{ at, dir: 'i', text: `${why} after the server accepted the message (${message.commitReply}); the session was not ended.` }],
        recipients: message.commitRecipients ?? message.to.map((address) => ({ address, status: 'accepted', reply: message.commitReply! })),
        commit: { reply: message.commitReply, at: new Date(message.commitAt).toISOString() },
        error: { code: 'EINTERRUPTED', message: `${why} before QUIT` },
      });
    } else if (message.dotSentAt !== null) {
      this.finish(claimed, {
        ...base,
        outcome: 'uncertain',
        phase: 'dot-sent',
        transcript: [{ at, dir: 'i', text: `${why} after the final dot was sent and before the server's reply was read.` }],
        recipients: [],
        error: { code: 'EINTERRUPTED', message: `${why} while waiting for the reply to the final dot` },
        dotSent: true,
      });
    } else if (!crashed) {
      this.finish(claimed, {
        ...base,
        outcome: 'temporary',
        phase: 'connect',
        transcript: [{ at, dir: 'i', text: `${why} before the final dot was sent.` }],
        recipients: [],
        error: { code: 'EAGENT', message: `${why} before the final dot was sent` },
      });
    } else {
      // Nothing reached the point of no return: the server must discard a partial message (RFC 5321 3.8).
      const summary = this.deps.repository.finishAttempt(
        message.seq,
        message.attempt,
        {
          outcome: 'temporary',
          phase: 'interrupted',
          endedAt: now,
          explanation: `The attempt was interrupted (${why}) before the whole message was sent; the server does not keep a partial message, so it is sent again now.`,
          transcript: [{ at, dir: 'i', text: `${why} before the final dot was sent.` }],
          recipients: [],
          commitReply: null,
          quitReply: null,
          error: { code: 'EINTERRUPTED', message: `${why} during the attempt` },
        },
        { state: 'queued', nextAttemptAt: now },
        now,
      );
      this.deps.logger.log('warn', { component: 'outbox', messageId: message.id, attempt: message.attempt }, 'interrupted attempt requeued');
      this.changed(summary.id);
    }
  }

  /** Records an attempt's result and moves its message on, in one transaction. */
  private finish(message: ClaimedMessage, result: AttemptResult): void {
    const now = this.deps.clock.now();
    const policy = this.policy();
    const decision = decideAfterAttempt(message, result, policy, now, this.deps.random?.() ?? Math.random());
    const transcript = this.scrub(result.transcript);
    const explanation = `${explainAttempt(result, { treatDroppedQuitAsDelivered: policy.treatDroppedQuitAsDelivered })} ${decision.action}`.trim();
    const transition: Transition = decision.transition;
    const summary = this.deps.repository.finishAttempt(
      message.seq,
      message.attempt,
      {
        outcome: result.outcome,
        phase: result.phase,
        startedAt: Date.parse(result.startedAt) || undefined,
        endedAt: Date.parse(result.endedAt) || now,
        explanation,
        transcript,
        recipients: result.recipients,
        commitReply: result.commit?.reply ?? null,
        quitReply: result.quitReply ?? null,
        error: result.error ? { code: result.error.code, message: result.error.message } : null,
      },
      transition,
      now,
    );
    this.deps.logger.log(
      summary.state === 'failed' ? 'warn' : 'info',
      { component: 'outbox', messageId: message.id, attempt: message.attempt, outcome: result.outcome, state: summary.state, reply: result.commit?.reply ?? result.error?.reply },
      'attempt finished',
    );
    this.changed(summary.id);
  }

  private scrub(lines: TranscriptLine[]): TranscriptLine[] {
    const secrets = (this.deps.secrets?.() ?? []).filter((secret) => secret.length >= 3);
    if (secrets.length === 0) return lines;
    return lines.map((line) => {
      let text = line.text;
      for (const secret of secrets) text = text.split(secret).join('*****');
      return text === line.text ? line : { ...line, text };
    });
  }

  /** Collects changed ids and reports them once per turn of the event loop (a batch of 50 is one event). */
  private changed(id: string): void {
    this.pendingChanges.add(id);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const ids = [...this.pendingChanges];
      this.pendingChanges.clear();
      this.reportActivity();
      this.idleEmitter.fire();
      if (this.messagesEmitter.listenerCount === 0) return;
      const changed = ids.flatMap((changedId) => {
        try {
          return [this.deps.repository.summary(changedId)];
        } catch {
          return [];
        }
      });
      this.messagesEmitter.fire({ changed, counts: this.deps.repository.counts() });
    });
  }

  private reportActivity(): void {
    if (this.activityEmitter.listenerCount === 0) return;
    const activity = this.activity();
    const key = JSON.stringify(activity);
    if (key === this.lastActivity) return;
    this.lastActivity = key;
    this.activityEmitter.fire(activity);
  }
}
