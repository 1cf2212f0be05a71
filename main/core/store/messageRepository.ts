// The outbox's rows: messages, recipients and attempts; every state transition is one SQLite transaction here.
import type {
  AttemptOutcomeName,
  AttemptView,
  MessageCounts,
  MessageDetail,
  MessageKind,
  MessagesPage,
  MessageState,
  MessageSummary,
  RecipientView,
  TranscriptLineView,
} from '../../../shared/contract';
import type BetterSqlite3 from 'better-sqlite3';
import type { RecipientResult } from '../smtp/types';
import { CoalescedSync, OpenFileSync } from '../durableSync';
import type { Db } from './database';

export type HoldCause = 'not-configured' | 'uncertain';
export type RecipientState = RecipientView['state'];

export interface NewMessage {
  id: string;
  kind: MessageKind;
  subject: string;
  from: string;
  to: string[];
  messageId: string;
  /** Relative to the data folder. */
  emlPath: string;
  sizeBytes: number;
  faxId: string | null;
  createdAt: number;
  state: 'queued' | 'held';
  reason?: string | null;
  holdCause?: HoldCause | null;
}

/** A message taken for an attempt: what the delivery agent needs and what the queue decides with. */
export interface ClaimedMessage {
  seq: number;
  id: string;
  from: string;
  /** Recipients still pending: accepted ones are never sent again. */
  to: string[];
  /** Recipients accepted by an earlier attempt. */
  acceptedBefore: number;
  /** Recipients refused (5xx) by an earlier attempt, with the reply. */
  refusedBefore: Array<{ address: string; reply: string | null }>;
  emlPath: string;
  sizeBytes: number;
  attempt: number;
  /** Attempts that count toward delivery.maxAttempts, this one included. */
  countedAttempts: number;
  /** When the current retry budget began (creation, or the last "retry now"). */
  budgetSince: number;
  possibleDuplicate: boolean;
}

export interface AttemptRecord {
  outcome: AttemptOutcomeName;
  phase: string;
  /** When the agent really began this message (in a shared session, after the ones before it). */
  startedAt?: number;
  endedAt: number;
  explanation: string;
  transcript: TranscriptLineView[];
  recipients: Array<{ address: string; status: string; reply: string }>;
  commitReply: string | null;
  quitReply: string | null;
  error: { code: string; message: string } | null;
}

/** What a message becomes after an attempt or a user action. */
export interface Transition {
  state: MessageState;
  nextAttemptAt?: number | null;
  reason?: string | null;
  possibleDuplicate?: boolean;
  holdCause?: HoldCause | null;
  deliveredAt?: number | null;
  recipients?: Array<{ address: string; state: RecipientState; lastReply: string | null }>;
}

/** A message found `sending` at startup, with what its attempt in flight recorded. */
export interface InterruptedMessage extends ClaimedMessage {
  startedAt: number;
  dotSentAt: number | null;
  commitReply: string | null;
  commitAt: number | null;
  /** The RCPT results stored with the commit point (null for a commit recorded before they were kept). */
  commitRecipients: RecipientResult[] | null;
}

export interface ListQuery {
  kinds?: MessageKind[];
  states?: MessageState[];
  search?: string;
  cursor?: string | null;
  limit: number;
}

interface MessageRow {
  seq: number;
  id: string;
  kind: MessageKind;
  state: MessageState;
  subject: string;
  from_address: string;
  message_id: string;
  eml_path: string;
  size_bytes: number;
  created_at: number;
  updated_at: number;
  attempts: number;
  uncounted_attempts: number;
  budget_since: number | null;
  next_attempt_at: number | null;
  delivered_at: number | null;
  possible_duplicate: number;
  reason: string | null;
  hold_cause: HoldCause | null;
  fax_id: string | null;
  dot_sent_at: number | null;
  commit_reply: string | null;
  commit_at: number | null;
  commit_recipients: string | null;
  to_json: string;
}

interface AttemptRow {
  number: number;
  started_at: number;
  ended_at: number | null;
  phase: string;
  outcome: AttemptOutcomeName | null;
  explanation: string;
  transcript: string;
  commit_reply: string | null;
  quit_reply: string | null;
  error_code: string | null;
  error_message: string | null;
}

interface OpenRecipients {
  pending: string[];
  accepted: number;
  refused: Array<{ address: string; reply: string | null }>;
}

export class NotFoundError extends Error {}
export class StateError extends Error {}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

// The recipients in their order, as JSON, so a page of summaries is one query.
const selectMessage = `SELECT m.*, (SELECT json_group_array(address) FROM (SELECT address FROM recipients r WHERE r.message_seq = m.seq ORDER BY position)) AS to_json FROM messages m`;

function toSummary(row: MessageRow): MessageSummary {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    subject: row.subject,
    from: row.from_address,
    to: JSON.parse(row.to_json) as string[],
    messageId: row.message_id,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'retry-wait' || row.state === 'queued' ? iso(row.next_attempt_at) : null,
    deliveredAt: iso(row.delivered_at),
    possibleDuplicate: row.possible_duplicate === 1,
    reason: row.reason,
    faxId: row.fax_id,
    sizeBytes: row.size_bytes,
  };
}

function toClaimed(row: MessageRow, recipients: OpenRecipients): ClaimedMessage {
  return {
    seq: row.seq,
    id: row.id,
    from: row.from_address,
    to: recipients.pending,
    acceptedBefore: recipients.accepted,
    refusedBefore: recipients.refused,
    emlPath: row.eml_path,
    sizeBytes: row.size_bytes,
    attempt: row.attempts,
    countedAttempts: row.attempts - row.uncounted_attempts,
    budgetSince: row.budget_since ?? row.created_at,
    possibleDuplicate: row.possible_duplicate === 1,
  };
}

function encodeCursor(row: { created_at: number; seq: number }): string {
  return Buffer.from(JSON.stringify([row.created_at, row.seq])).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n))) return value as [number, number];
  } catch {
    // fall through
  }
  throw new StateError('The paging cursor is not one faxdesk gave out.');
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class MessageRepository {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  private readonly walFile: OpenFileSync | undefined;
  private readonly walSync: CoalescedSync | undefined;

  constructor(private readonly db: Db) {
    const wal = !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal';
    // SQLite keeps the WAL file (same inode) while a connection is open, so one descriptor serves every sync.
    this.walFile = wal ? new OpenFileSync(`${db.name}-wal`) : undefined;
    this.walSync = this.walFile ? new CoalescedSync(() => this.walFile!.sync()) : undefined;
  }

  /** Lets go of the WAL descriptor; call before the database is closed. */
  close(): Promise<void> {
    return this.walFile?.close() ?? Promise.resolve();
  }

  /**
   * Commits, then returns once the commit is on disk, without blocking the event loop for the fsync: the transaction is
   * written in NORMAL mode and the WAL file is fsynced in the thread pool, shared by every commit that arrived meanwhile.
   * Two sessions recording their commit points at once share one disk sync and neither stalls the other.
   */
  private async durableTransaction<T>(fn: () => T): Promise<T> {
    if (!this.walSync) return this.transaction(fn);
    const result = this.relaxedTransaction(fn);
    await this.walSync.sync();
    return result;
  }

  /** Prepared once, reused: preparing costs more than running these small statements. */
  private sql(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Changes whenever another connection (another faxdesk process) commits to the file. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Runs fn in one transaction (better-sqlite3: synchronous, durable on return with synchronous=FULL). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * A transaction whose commit need not reach the disk before it returns (WAL, synchronous=NORMAL): it stays atomic and
   * ordered before every later FULL commit, and a power cut can lose it only together with what came after it. Used
   * where the durable marks (dot sent, commit point) already let a restart resolve the message if it is lost.
   */
  private relaxedTransaction<T>(fn: () => T): T {
    // Inside a caller's transaction this is a savepoint of it, and the caller's commit decides durability (SQLite
    // refuses to change the safety level mid-transaction anyway).
    if (this.db.inTransaction) return this.transaction(fn);
    this.sql('PRAGMA synchronous = NORMAL').run();
    try {
      return this.transaction(fn);
    } finally {
      this.sql('PRAGMA synchronous = FULL').run();
    }
  }

  insert(message: NewMessage): MessageSummary {
    return this.insertMany([message])[0]!;
  }

  /**
   * Several new messages in one transaction, durable when the promise settles: a batch costs one disk sync, made in the
   * thread pool and shared with every other durable commit under way, so composing the next messages goes on meanwhile.
   */
  insertManyDurably(messages: NewMessage[]): Promise<MessageSummary[]> {
    return this.durableTransaction(() => this.insertMany(messages));
  }

  /** Several new messages in one transaction (durable on return, or part of the caller's transaction). */
  insertMany(messages: NewMessage[]): MessageSummary[] {
    const insertMessage = this.sql(
      `INSERT INTO messages (id, kind, state, subject, from_address, message_id, eml_path, size_bytes, created_at, updated_at,
         next_attempt_at, reason, hold_cause, fax_id)
       VALUES (@id, @kind, @state, @subject, @from, @messageId, @emlPath, @sizeBytes, @createdAt, @createdAt,
         @nextAttemptAt, @reason, @holdCause, @faxId)
       RETURNING *`,
    );
    const insertRecipient = this.sql('INSERT INTO recipients (message_seq, position, address) VALUES (?, ?, ?)');
    return this.transaction(() =>
      messages.map((message) => {
        // The row as stored (defaults included) comes back with the insert; its recipients are the ones just written,
        // in order, so the summary needs no second query.
        const row = insertMessage.get({
          ...message,
          nextAttemptAt: message.state === 'queued' ? message.createdAt : null,
          reason: message.reason ?? null,
          holdCause: message.holdCause ?? null,
        }) as Omit<MessageRow, 'to_json'>;
        message.to.forEach((address, position) => insertRecipient.run(row.seq, position, address));
        return toSummary({ ...row, to_json: JSON.stringify(message.to) });
      }),
    );
  }

  private row(id: string): MessageRow {
    const row = this.sql(`${selectMessage} WHERE m.id = ?`).get(id) as MessageRow | undefined;
    if (!row) throw new NotFoundError(`There is no message ${id}.`);
    return row;
  }

  private summaryBySeq(seq: number): MessageSummary {
    return toSummary(this.sql(`${selectMessage} WHERE m.seq = ?`).get(seq) as MessageRow);
  }

  exists(id: string): boolean {
    return this.sql('SELECT 1 FROM messages WHERE id = ?').get(id) !== undefined;
  }

  summary(id: string): MessageSummary {
    return toSummary(this.row(id));
  }

  /** Finds a message by its full id, or by a prefix that only one id has (for the CLI). */
  resolveId(idOrPrefix: string): string {
    const rows = this.sql("SELECT id FROM messages WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2")
      .all(idOrPrefix, `${idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as Array<{ id: string }>;
    const exact = rows.find((row) => row.id === idOrPrefix);
    if (exact) return exact.id;
    if (rows.length === 1) return rows[0]!.id;
    throw new NotFoundError(rows.length === 0 ? `There is no message ${idOrPrefix}.` : `More than one message starts with ${idOrPrefix}.`);
  }

  emlPathOf(id: string): string {
    return this.row(id).eml_path;
  }

  detail(id: string): MessageDetail {
    const row = this.row(id);
    const recipients = this.sql('SELECT address, state, last_reply FROM recipients WHERE message_seq = ? ORDER BY position')
      .all(row.seq) as Array<{ address: string; state: RecipientState; last_reply: string | null }>;
    const attempts = this.sql('SELECT * FROM attempts WHERE message_seq = ? ORDER BY number').all(row.seq) as AttemptRow[];
    return {
      ...toSummary(row),
      recipients: recipients.map((r) => ({ address: r.address, state: r.state, lastReply: r.last_reply })),
      attemptList: attempts.map(
        (a): AttemptView => ({
          number: a.number,
          startedAt: iso(a.started_at)!,
          endedAt: iso(a.ended_at),
          phase: a.phase,
          outcome: a.outcome,
          explanation: a.explanation || (a.ended_at === null ? 'This attempt is in progress.' : ''),
          commitReply: a.commit_reply,
          quitReply: a.quit_reply,
          error: a.error_code === null ? null : { code: a.error_code, message: a.error_message ?? '' },
          transcript: JSON.parse(a.transcript) as TranscriptLineView[],
        }),
      ),
    };
  }

  /** Newest first, keyset-paged on (created_at, seq) so a page costs the same at row 10 and at row 100,000. */
  list(query: ListQuery): MessagesPage {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.states?.length) {
      where.push(`m.state IN (${query.states.map(() => '?').join(', ')})`);
      args.push(...query.states);
    }
    if (query.kinds?.length) {
      where.push(`m.kind IN (${query.kinds.map(() => '?').join(', ')})`);
      args.push(...query.kinds);
    }
    const search = query.search?.trim();
    if (search) {
      const like = likePattern(search);
      where.push(
        `(m.subject LIKE ? ESCAPE '\\' OR m.message_id LIKE ? ESCAPE '\\' OR m.id = ?
          OR EXISTS (SELECT 1 FROM recipients r WHERE r.message_seq = m.seq AND r.address LIKE ? ESCAPE '\\'))`,
      );
      args.push(like, like, search, like);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.sql(`SELECT count(*) AS n FROM messages m ${filter}`).get(...args) as { n: number }).n;
    const pageWhere = [...where];
    const pageArgs = [...args];
    if (query.cursor) {
      const [createdAt, seq] = decodeCursor(query.cursor);
      pageWhere.push('(m.created_at < ? OR (m.created_at = ? AND m.seq < ?))');
      pageArgs.push(createdAt, createdAt, seq);
    }
    const rows = this.sql(`${selectMessage} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY m.created_at DESC, m.seq DESC LIMIT ?`)
      .all(...pageArgs, query.limit + 1) as MessageRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toSummary), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null, total };
  }

  counts(): MessageCounts {
    const rows = this.sql('SELECT state, count(*) AS n FROM messages GROUP BY state').all() as Array<{ state: MessageState; n: number }>;
    const by = Object.fromEntries(rows.map((row) => [row.state, row.n])) as Partial<Record<MessageState, number>>;
    return {
      queued: by.queued ?? 0,
      sending: by.sending ?? 0,
      retryWait: by['retry-wait'] ?? 0,
      held: by.held ?? 0,
      failed: by.failed ?? 0,
      delivered: by.delivered ?? 0,
      cancelled: by.cancelled ?? 0,
      total: rows.reduce((sum, row) => sum + row.n, 0),
    };
  }

  /** Whether any message still has work to do (queued, sending or waiting to retry); stops at the first. */
  hasActive(): boolean {
    return this.sql("SELECT 1 FROM messages WHERE state IN ('queued', 'sending', 'retry-wait') LIMIT 1").get() !== undefined;
  }

  /** How many messages are due for an attempt now. */
  dueCount(now: number): number {
    return (this.sql("SELECT count(*) AS n FROM messages WHERE state IN ('queued', 'retry-wait') AND next_attempt_at <= ?").get(now) as { n: number }).n;
  }

  /** The earliest time a waiting message falls due, or null when none waits. */
  nextDueAt(): number | null {
    const row = this.sql("SELECT min(next_attempt_at) AS at FROM messages WHERE state IN ('queued', 'retry-wait')")
      .get() as { at: number | null };
    return row.at;
  }

  /**
   * Takes up to `limit` due messages for an attempt, in one transaction: each becomes `sending`, gets a new attempt row
   * (started, no outcome yet) and a clean slate for the in-flight marks (dot sent, commit).
   */
  claimDue(now: number, limit: number): ClaimedMessage[] {
    // Relaxed: if lost, the messages are simply still waiting.
    return this.relaxedTransaction(() => {
      const rows = this.sql(
          `${selectMessage} WHERE m.state IN ('queued', 'retry-wait') AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.seq LIMIT ?`,
        )
        .all(now, limit) as MessageRow[];
      const update = this.sql(
        `UPDATE messages SET state = 'sending', attempts = attempts + 1, updated_at = ?, next_attempt_at = NULL,
           dot_sent_at = NULL, commit_reply = NULL, commit_at = NULL WHERE seq = ?`,
      );
      const attempt = this.sql('INSERT INTO attempts (message_seq, number, started_at) VALUES (?, ?, ?)');
      return rows.map((row) => {
        update.run(now, row.seq);
        attempt.run(row.seq, row.attempts + 1, now);
        return toClaimed({ ...row, attempts: row.attempts + 1 }, this.openRecipients(row.seq));
      });
    });
  }

  private openRecipients(seq: number): OpenRecipients {
    const rows = this.sql('SELECT address, state, last_reply FROM recipients WHERE message_seq = ? ORDER BY position').all(seq) as Array<{
      address: string;
      state: RecipientState;
      last_reply: string | null;
    }>;
    return {
      pending: rows.filter((r) => r.state === 'pending').map((r) => r.address),
      accepted: rows.filter((r) => r.state === 'accepted').length,
      refused: rows.filter((r) => r.state === 'failed').map((r) => ({ address: r.address, reply: r.last_reply })),
    };
  }

  /** A claimed message the agent never started (its shared session broke first): back to the queue, no attempt counted. */
  unclaim(seq: number, attempt: number, now: number): void {
    this.relaxedTransaction(() => {
      this.sql('DELETE FROM attempts WHERE message_seq = ? AND number = ?').run(seq, attempt);
      this.sql("UPDATE messages SET state = 'queued', attempts = attempts - 1, next_attempt_at = ?, updated_at = ? WHERE seq = ? AND state = 'sending'")
        .run(now, now, seq);
    });
  }

  /** RFC 1047: from here on a lost reply leaves the outcome unknown; durable before the dot is written. */
  recordDotSent(id: string, at: number): Promise<void> {
    return this.durableTransaction(() => {
      this.sql("UPDATE messages SET dot_sent_at = ? WHERE id = ? AND state = 'sending'").run(at, id);
    });
  }

  /** RFC 5321 4.1.1.4: the 250 after the dot is the commit point; durable before QUIT is sent. */
  recordCommit(id: string, reply: string, at: number, recipients: RecipientResult[]): Promise<void> {
    return this.durableTransaction(() => {
      this.sql("UPDATE messages SET commit_reply = ?, commit_at = ?, commit_recipients = ? WHERE id = ? AND state = 'sending'").run(
        reply,
        at,
        JSON.stringify(recipients),
        id,
      );
    });
  }

  /**
   * Ends an attempt and moves its message on, in one transaction. Relaxed: if a crash loses it, the message is found
   * `sending` at the next start and resolved from the durable dot mark and commit point, to the same result.
   */
  finishAttempt(seq: number, attempt: number, record: AttemptRecord, transition: Transition, now: number): MessageSummary {
    return this.relaxedTransaction(() => {
      this.sql(
          `UPDATE attempts SET started_at = coalesce(@startedAt, started_at), ended_at = @endedAt, phase = @phase, outcome = @outcome, explanation = @explanation,
             transcript = @transcript, recipients = @recipients, commit_reply = @commitReply, quit_reply = @quitReply,
             error_code = @errorCode, error_message = @errorMessage
           WHERE message_seq = @seq AND number = @attempt`,
        )
        .run({
          seq,
          attempt,
          startedAt: record.startedAt ?? null,
          endedAt: record.endedAt,
          phase: record.phase,
          outcome: record.outcome,
          explanation: record.explanation,
          transcript: JSON.stringify(record.transcript),
          recipients: JSON.stringify(record.recipients),
          commitReply: record.commitReply,
          quitReply: record.quitReply,
          errorCode: record.error?.code ?? null,
          errorMessage: record.error?.message ?? null,
        });
      this.applyTransition(seq, ['sending'], transition, now);
      return this.summaryBySeq(seq);
    });
  }

  /** An attempt cut short by faxdesk itself stopping: it does not count toward delivery.maxAttempts. */
  markUncounted(seq: number): void {
    this.sql('UPDATE messages SET uncounted_attempts = uncounted_attempts + 1 WHERE seq = ?').run(seq);
  }

  /** A user action or policy move, allowed only from the given states; one transaction. */
  transition(id: string, from: MessageState[], transition: Transition, now: number, extra?: { resetBudget?: boolean; retryFailedRecipients?: boolean }): MessageSummary {
    return this.transaction(() => {
      const row = this.row(id);
      if (!from.includes(row.state)) throw new StateError(`Message ${id} is ${row.state}.`);
      if (extra?.retryFailedRecipients) {
        this.sql("UPDATE recipients SET state = 'pending' WHERE message_seq = ? AND state = 'failed'").run(row.seq);
      }
      if (extra?.resetBudget) {
        this.sql('UPDATE messages SET uncounted_attempts = attempts, budget_since = ? WHERE seq = ?').run(now, row.seq);
      }
      this.applyTransition(row.seq, from, transition, now);
      return this.summaryBySeq(row.seq);
    });
  }

  /** Moves every message in `from` with the given hold cause (or none) to a new state; returns the changed ids. */
  transitionAll(from: MessageState[], holdCause: HoldCause | null, transition: Transition, now: number): string[] {
    return this.transaction(() => {
      const rows = this.sql(`SELECT seq, id FROM messages WHERE state IN (${from.map(() => '?').join(', ')}) AND hold_cause IS ?`)
        .all(...from, holdCause) as Array<{ seq: number; id: string }>;
      for (const row of rows) this.applyTransition(row.seq, from, transition, now);
      return rows.map((row) => row.id);
    });
  }

  private applyTransition(seq: number, from: MessageState[], t: Transition, now: number): void {
    const current = this.sql('SELECT state FROM messages WHERE seq = ?').get(seq) as { state: MessageState } | undefined;
    if (!current || !from.includes(current.state)) return;
    this.sql(
        `UPDATE messages SET state = @state, updated_at = @now,
           next_attempt_at = @nextAttemptAt,
           reason = @reason,
           hold_cause = @holdCause,
           possible_duplicate = CASE WHEN @possibleDuplicate IS NULL THEN possible_duplicate ELSE @possibleDuplicate END,
           delivered_at = CASE WHEN @deliveredAt IS NULL THEN delivered_at ELSE @deliveredAt END
         WHERE seq = @seq`,
      )
      .run({
        seq,
        now,
        state: t.state,
        nextAttemptAt: t.nextAttemptAt ?? null,
        reason: t.reason ?? null,
        holdCause: t.holdCause ?? null,
        possibleDuplicate: t.possibleDuplicate === undefined ? null : t.possibleDuplicate ? 1 : 0,
        deliveredAt: t.deliveredAt ?? null,
      });
    if (t.recipients?.length) {
      const update = this.sql('UPDATE recipients SET state = ?, last_reply = ? WHERE message_seq = ? AND address = ? AND state = ?');
      for (const r of t.recipients) update.run(r.state, r.lastReply, seq, r.address, 'pending');
    }
  }

  /** Recipients of a message with their states (for the queue's decisions). */
  recipients(seq: number): Array<{ address: string; state: RecipientState }> {
    return this.sql('SELECT address, state FROM recipients WHERE message_seq = ? ORDER BY position').all(seq) as Array<{
      address: string;
      state: RecipientState;
    }>;
  }

  /** Messages left `sending` by a process that stopped mid-attempt, with what that attempt recorded. */
  interrupted(): InterruptedMessage[] {
    const rows = this.sql(`${selectMessage} WHERE m.state = 'sending' ORDER BY m.seq`).all() as MessageRow[];
    return rows.map((row) => {
      const attempt = this.sql('SELECT started_at FROM attempts WHERE message_seq = ? AND number = ?').get(row.seq, row.attempts) as
        | { started_at: number }
        | undefined;
      return {
        ...toClaimed(row, this.openRecipients(row.seq)),
        startedAt: attempt?.started_at ?? row.updated_at,
        dotSentAt: row.dot_sent_at,
        commitReply: row.commit_reply,
        commitAt: row.commit_at,
        commitRecipients: row.commit_recipients ? (JSON.parse(row.commit_recipients) as RecipientResult[]) : null,
      };
    });
  }

  /** An attempt row for an interrupted message whose attempt row was never written (defensive). */
  ensureAttemptRow(seq: number, attempt: number, startedAt: number): void {
    this.sql('INSERT OR IGNORE INTO attempts (message_seq, number, started_at) VALUES (?, ?, ?)').run(seq, attempt, startedAt);
  }

  /** Every message with its attempts, oldest first, for `faxdesk status --json`. */
  *all(): Generator<MessageDetail> {
    const ids = this.sql('SELECT id FROM messages ORDER BY created_at, seq').pluck().all() as string[];
    for (const id of ids) yield this.detail(id);
  }

  /** Every .eml path the store refers to (relative to the data folder), for cleaning stray files. */
  emlPaths(): Set<string> {
    return new Set(this.sql('SELECT eml_path FROM messages').pluck().all() as string[]);
  }
}
