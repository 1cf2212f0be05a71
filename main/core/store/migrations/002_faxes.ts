// Migration 2: the fax library (received faxes), the sent-fax reports already notified, and what the inbox rejected.
import type { Migration } from './index';

export const faxesMigration: Migration = {
  version: 2,
  name: 'faxes',
  up(db) {
    db.exec(`
      CREATE TABLE faxes (
        id            TEXT PRIMARY KEY,
        sha256        TEXT NOT NULL UNIQUE,
        received_at   TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        from_number   TEXT,
        to_number     TEXT,
        csid          TEXT,
        pages         INTEGER NOT NULL,
        format        TEXT NOT NULL CHECK (format IN ('pdf', 'tiff')),
        original_name TEXT NOT NULL,
        library_path  TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL,
        resolution_x  REAL,
        resolution_y  REAL,
        compression   TEXT,
        read          INTEGER NOT NULL DEFAULT 0,
        deliver_to    TEXT NOT NULL DEFAULT '[]',
        route_rule    INTEGER,
        -- 'pending' until its mail is in the outbox, so a crash between the two is finished at the next start.
        mail_state    TEXT NOT NULL CHECK (mail_state IN ('pending', 'queued', 'not-routed'))
      );
      CREATE INDEX faxes_received ON faxes (received_at DESC, id DESC);
      CREATE INDEX faxes_unread ON faxes (read) WHERE read = 0;

      CREATE TABLE sent_reports (
        job_id       TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        imported_at  TEXT NOT NULL,
        notify       TEXT NOT NULL,
        message_id   TEXT,
        library_path TEXT NOT NULL,
        PRIMARY KEY (job_id, status)
      );

      CREATE TABLE rejected_files (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        file_name   TEXT NOT NULL,
        spool_kind  TEXT NOT NULL CHECK (spool_kind IN ('received', 'sent', 'import')),
        reason      TEXT NOT NULL,
        moved_to    TEXT,
        rejected_at TEXT NOT NULL
      );
      CREATE INDEX rejected_at ON rejected_files (rejected_at DESC);
    `);
  },
};
