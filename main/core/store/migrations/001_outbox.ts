// Migration 001: the outbox — messages, their recipients and every delivery attempt with its transcript.
import type { Migration } from './index';

export const outboxMigration: Migration = {
  version: 1,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        -- seq: insertion order, the tie-break of keyset paging; id: the public id the window and CLI use.
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('received-fax', 'sent-notification', 'manual')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retry-wait', 'delivered', 'failed', 'held', 'cancelled')),
        subject TEXT NOT NULL,
        from_address TEXT NOT NULL,
        -- RFC 5322 Message-ID, fixed at enqueue: every retry sends the same bytes.
        message_id TEXT NOT NULL UNIQUE,
        eml_path TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        -- Attempts that do not count toward delivery.maxAttempts: interrupted by our own stop, or before a "retry now".
        uncounted_attempts INTEGER NOT NULL DEFAULT 0,
        -- When the current retry budget began (a "retry now" starts a new one); null: at creation.
        budget_since INTEGER,
        next_attempt_at INTEGER,
        delivered_at INTEGER,
        possible_duplicate INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        hold_cause TEXT CHECK (hold_cause IN ('not-configured', 'uncertain')),
        fax_id TEXT,
        -- The attempt in flight: RFC 1047's window opens at dot_sent_at; commit_* is the 250 to the final dot.
        dot_sent_at INTEGER,
        commit_reply TEXT,
        commit_at INTEGER
      );
      CREATE INDEX messages_created ON messages (created_at, seq);
      CREATE INDEX messages_state_created ON messages (state, created_at, seq);
      CREATE INDEX messages_kind_created ON messages (kind, created_at, seq);
      CREATE INDEX messages_due ON messages (next_attempt_at, seq) WHERE state IN ('queued', 'retry-wait');
      CREATE INDEX messages_fax ON messages (fax_id) WHERE fax_id IS NOT NULL;

      CREATE TABLE recipients (
        message_seq INTEGER NOT NULL REFERENCES messages (seq) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        address TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'failed')),
        last_reply TEXT,
        PRIMARY KEY (message_seq, position)
      ) WITHOUT ROWID;

      CREATE TABLE attempts (
        message_seq INTEGER NOT NULL REFERENCES messages (seq) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        phase TEXT NOT NULL DEFAULT 'connect',
        outcome TEXT CHECK (outcome IN ('delivered', 'accepted-quit-dropped', 'uncertain', 'temporary', 'permanent')),
        explanation TEXT NOT NULL DEFAULT '',
        transcript TEXT NOT NULL DEFAULT '[]',
        -- This attempt's RCPT results: [{ address, status, reply }].
        recipients TEXT NOT NULL DEFAULT '[]',
        commit_reply TEXT,
        quit_reply TEXT,
        error_code TEXT,
        error_message TEXT,
        PRIMARY KEY (message_seq, number)
      );
    `);
  },
};
