// The delivery agent: one SMTP attempt for one message (or a few in one session), returned as results; it never decides about retries.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { classifyAttempt, replyCode } from './outcome';
import { SmtpSession, SmtpSessionError, type QuitResult } from './session';
import type {
  AttemptPhase,
  AttemptResult,
  DeliveryHooks,
  OutgoingMessage,
  RecipientResult,
  SmtpSettings,
  TranscriptLine,
} from './types';

/** A typical fax notification (100-200 KB) is read in one or two blocks: each read is a round trip to the thread pool. */
const READ_BLOCK_BYTES = 256 * 1024;

interface PreparedMessage {
  message: OutgoingMessage;
  file: FileHandle;
  size: number;
}

/** One message's part of a session, until its result is known. */
interface MessageRun {
  message: OutgoingMessage;
  startedAt: string;
  /** Where this message's lines begin in the session transcript. */
  firstLine: number;
  lastLine?: number;
  phase: AttemptPhase;
  dotSent: boolean;
  commit?: { reply: string; at: string };
  /** The commit point's write to the store; settles (never rejects) once it is durable or has failed. */
  commitStored?: Promise<void>;
  /** Why the commit point could not be stored, for this message's transcript. */
  commitFailure?: string;
  error?: SmtpSessionError;
  rcpt: Array<{ address: string; reply: string }>;
}

export class DeliveryAgent {
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(deps: { clock: Clock; logger: Logger }) {
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  /**
   * Makes one attempt. reuseSession false: one session per message, each confirmed only by its own 221 (strict mode).
   * reuseSession true: the messages share one session with RSET between; when the session breaks, messages not yet
   * started are left out of the result (the caller requeues them without counting an attempt). A session that
   * cannot be opened at all (refused, no greeting, TLS, AUTH) is an attempt for every message it was opened for.
   * Never throws for SMTP or network trouble.
   */
  async deliver(
    settings: SmtpSettings,
    messages: OutgoingMessage[],
    hooks: DeliveryHooks,
    options: { reuseSession: boolean },
  ): Promise<AttemptResult[]> {
    const results: AttemptResult[] = [];
    const ready: PreparedMessage[] = [];
    for (const message of messages) {
      const prepared = await this.prepare(message);
      if ('file' in prepared) ready.push(prepared);
      else results.push(prepared);
    }
    try {
      if (options.reuseSession) {
        if (ready.length) results.push(...(await this.runSession(settings, ready, hooks)));
      } else {
        for (const one of ready) results.push(...(await this.runSession(settings, [one], hooks)));
      }
    } finally {
      await Promise.all(ready.map((p) => p.file.close().catch(() => undefined)));
    }
    // Keep the caller's order.
    const order = new Map(messages.map((m, i) => [m.id, i]));
    return results.sort((a, b) => (order.get(a.messageId) ?? 0) - (order.get(b.messageId) ?? 0));
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Opens the .eml before any connection: a message that cannot be read fails alone, without touching the server. */
  private async prepare(message: OutgoingMessage): Promise<PreparedMessage | AttemptResult> {
    try {
      const file = await open(message.emlPath, 'r');
      const stat = await file.stat();
      return { message, file, size: stat.size };
    } catch (err) {
      const at = this.now();
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      const text = `The message file ${message.emlPath} ${reason} (${(err as Error).message})`;
      const result: AttemptResult = {
        messageId: message.id,
        outcome: 'permanent',
        phase: 'connect',
        transcript: [{ at, dir: 'i', text }],
        recipients: [],
        error: { code: 'EMESSAGE', message: text },
        startedAt: at,
        endedAt: at,
        dotSent: false,
      };
      this.logResult(result);
      return result;
    }
  }

  private async runSession(settings: SmtpSettings, batch: PreparedMessage[], hooks: DeliveryHooks): Promise<AttemptResult[]> {
    const sessionStart = this.now();
    const session = new SmtpSession(settings, this.clock, this.logger.child({ component: 'smtp' }));
    const runs: MessageRun[] = [];
    let setupLines = 0;
    try {
      await session.open();
      if (settings.username) await session.login(settings.username, settings.password ?? '');
      setupLines = session.transcript.length;
    } catch (err) {
      // Nothing was started, but every message waited on this session: each gets the same failed attempt.
      const error = asSessionError(err, session);
      session.close();
      return batch.map(({ message }) => {
        const run: MessageRun = { message, startedAt: sessionStart, firstLine: 0, phase: error.phase, dotSent: false, error, rcpt: [] };
        return this.finish(run, session, undefined, 0, 0);
      });
    }

    try {
      for (const [index, prepared] of batch.entries()) {
        // The RSET that opens a message's transaction belongs to its transcript.
        const firstLine = session.transcript.length;
        if (index > 0) {
          try {
            await session.reset();
          } catch {
            break; // the next message never started
          }
        }
        const run: MessageRun = {
          message: prepared.message,
          startedAt: this.now(),
          firstLine,
          phase: 'mail',
          dotSent: false,
          rcpt: [],
        };
        runs.push(run);
        await this.sendOne(session, prepared, run, hooks);
        run.lastLine = session.transcript.length;
        if (session.isBroken) break;
      }
    } finally {
      // The commit points of a shared session are written while the next message goes out (see sendOne); QUIT waits
      // for all of them, and so do the results (or an unexpected error), so the caller never sees a message whose
      // commit is not yet on disk.
      await Promise.all(runs.map((run) => run.commitStored));
    }
    // QUIT only from a clean state: after a failure in the middle of the data it would be taken as message text.
    const tailStart = session.transcript.length;
    let quit: QuitResult | undefined;
    if (!session.isBroken && session.phase !== 'message') quit = await session.quit();
    else session.close();
    return runs.map((run) => this.finish(run, session, quit, setupLines, tailStart));
  }

  private async sendOne(session: SmtpSession, prepared: PreparedMessage, run: MessageRun, hooks: DeliveryHooks): Promise<void> {
    const { message } = prepared;
    let hookError: Error | undefined;
    // Set once the whole body and onDotSent are through: the dot follows at once. A safety net under nodemailer's
    // end-of-data signal (see SmtpSession.onDataEnd): if that signal ever went missing, a lost reply would still
    // count as uncertain rather than as a safe temporary failure.
    let bodyDone = false;
    session.messageId = message.id;
    const file = prepared.file;
    // RFC 1047: the dot mark is recorded while the last block goes out, and the dot waits until it is on disk, so a
    // crash never hides a possible duplicate. Writing it with the last block rather than after it lets the disk sync
    // overlap the sending; a crash in between can only flag a message that was not sent twice, never miss one.
    let dotMark: Promise<void> | undefined;
    const markDot = (): Promise<void> => {
      if (!dotMark) {
        dotMark = Promise.resolve().then(() => hooks.onDotSent?.(message.id));
        // Awaited before the dot; a session that fails before then leaves it unawaited, which is no error.
        dotMark.catch(() => undefined);
      }
      return dotMark;
    };
    // Stream from the file: a fax with attachments can be 50 MB and is never read whole into memory. The stream is
    // lazy, so nothing is read (and onDotSent cannot run) before the server has answered DATA with 354.
    async function* chunks(): AsyncGenerator<Buffer> {
      let position = 0;
      // Exactly the bytes composed (the queue checked the size before the session): no read past the end to learn it.
      while (position < prepared.size) {
        const buffer = Buffer.allocUnsafe(Math.min(READ_BLOCK_BYTES, prepared.size - position));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        session.progress();
        if (position >= prepared.size) void markDot();
        yield buffer.subarray(0, bytesRead);
      }
      try {
        await markDot();
      } catch (err) {
        hookError = err as Error;
        session.info(`recording the final dot failed, so it was not sent: ${hookError.message}`);
        throw new Error(`onDotSent failed: ${hookError.message}`);
      }
      bodyDone = true;
    }
    const body = Readable.from(chunks(), { objectMode: false, highWaterMark: READ_BLOCK_BYTES });
    try {
      const reply = await session.send({ from: message.from, to: message.to, size: prepared.size }, body);
      const at = this.now();
      run.commit = { reply, at };
      run.dotSent = true;
      run.phase = 'accepted';
      // RFC 5321 4.1.1.4: the 250 after the dot is the commit point; it is on disk before QUIT is sent (runSession).
      // RSET and the next message need not wait for the disk: the next dot mark is durable only after this commit
      // anyway (one write-ahead log, in order), and a crash before either leaves this message resolved as uncertain,
      // exactly as a crash just before an awaited write would.
      session.info('the server accepted the message: commit point');
      const recipients = recipientResults(session.rcptReplies, true, 'delivered');
      run.commitStored = Promise.resolve()
        .then(() => hooks.onCommit(message.id, reply, at, recipients))
        .catch((err: unknown) => {
          run.commitFailure = `recording the commit failed: ${(err as Error).message}`;
          this.logger.log('error', { component: 'smtp', messageId: message.id, phase: 'accepted' }, `onCommit failed: ${(err as Error).message}`);
        });
    } catch (err) {
      const error = asSessionError(err, session);
      run.error = hookError
        ? new SmtpSessionError('EHOOK', `The final dot was not sent because recording it failed: ${hookError.message}`, 'message')
        : fileError(error);
      run.phase = run.error.phase;
      run.dotSent = session.dotSent || bodyDone;
      if (session.phase === 'message' && !session.isBroken) {
        // Stopped in the middle of the data (the file or the hook failed): the only way out is to drop the connection.
        session.close();
      }
    } finally {
      run.rcpt = [...session.rcptReplies];
      body.destroy();
    }
  }

  private finish(run: MessageRun, session: SmtpSession, quit: QuitResult | undefined, setupLines: number, tailStart: number): AttemptResult {
    const committed = run.commit !== undefined;
    let phase = run.phase;
    let error = run.error;
    if (committed) {
      if (quit?.reply !== undefined && replyCode(quit.reply) === 221) phase = 'closed';
      else phase = quit?.sent ? 'quit' : 'accepted';
      if (quit?.error) error = quit.error;
      else if (quit?.reply !== undefined && replyCode(quit.reply) !== 221) {
        error = new SmtpSessionError('EPROTOCOL', `The server answered QUIT with ${quit.reply}`, 'quit');
      }
    }
    const outcome = classifyAttempt({
      phase,
      dotSent: run.dotSent,
      committed,
      ...(run.error?.reply !== undefined ? { reply: run.error.reply } : {}),
      ...(quit?.reply !== undefined ? { quitReply: quit.reply } : {}),
      ...(run.error ? { errorCode: run.error.code } : {}),
    });
    const recipients = recipientResults(run.rcpt, committed, outcome);
    // Each message gets the session setup, its own lines, and the closing lines when they concern it: the QUIT
    // exchange decides every committed message of the session, and the last message owns whatever followed it.
    const lines = session.transcript;
    const end = run.lastLine ?? lines.length;
    const transcript: TranscriptLine[] = [...lines.slice(0, setupLines), ...lines.slice(Math.max(run.firstLine, setupLines), end)];
    if (run.commitFailure) transcript.push({ at: this.now(), dir: 'i', text: run.commitFailure });
    if (run.lastLine !== undefined && (committed || run.lastLine >= tailStart)) transcript.push(...lines.slice(Math.max(tailStart, end)));
    const result: AttemptResult = {
      messageId: run.message.id,
      outcome,
      phase,
      transcript,
      recipients,
      ...(run.commit ? { commit: run.commit } : {}),
      ...(quit?.reply !== undefined && committed ? { quitReply: quit.reply } : {}),
      ...(error ? { error: { code: error.code, message: error.message, ...(error.reply ? { reply: error.reply } : {}) } } : {}),
      startedAt: run.startedAt,
      endedAt: this.now(),
      dotSent: run.dotSent,
    };
    this.logResult(result);
    return result;
  }

  private logResult(result: AttemptResult): void {
    this.logger.log(
      result.outcome === 'delivered' || result.outcome === 'accepted-quit-dropped' ? 'info' : 'warn',
      {
        component: 'smtp',
        messageId: result.messageId,
        phase: result.phase,
        outcome: result.outcome,
        commit: result.commit?.reply,
        quitReply: result.quitReply,
        error: result.error?.code,
      },
      `attempt ${result.outcome}`,
    );
  }
}

/** Per-recipient results from the RCPT replies: 5xx fail, 4xx wait, accepted counts only once the message was. */
function recipientResults(rcpt: ReadonlyArray<{ address: string; reply: string }>, committed: boolean, outcome: AttemptResult['outcome']): RecipientResult[] {
  return rcpt.map(({ address, reply }) => {
    const code = replyCode(reply) ?? 0;
    if (code >= 500) return { address, status: 'permanent', reply };
    if (code >= 400) return { address, status: 'temporary', reply };
    // Accepted at RCPT counts only once the message itself was accepted; otherwise it follows the outcome.
    if (committed) return { address, status: 'accepted', reply };
    return { address, status: outcome === 'permanent' ? 'permanent' : 'temporary', reply };
  });
}

function asSessionError(err: unknown, session: SmtpSession): SmtpSessionError {
  if (err instanceof SmtpSessionError) return err;
  return new SmtpSessionError('ECONNECTION', (err as Error)?.message ?? String(err), session.phase);
}

/** A stream error from reading the .eml is the message's fault, not the server's: EMESSAGE (permanent). */
function fileError(err: SmtpSessionError): SmtpSessionError {
  if (err.code === 'ESTREAM') return new SmtpSessionError('EMESSAGE', `The message file could not be read: ${err.message}`, err.phase);
  return err;
}
