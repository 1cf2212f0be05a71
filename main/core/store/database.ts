// The one SQLite file of a data folder (better-sqlite3, WAL): opening it, schema migrations by version, transactions.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = BetterSqlite3.Database;

export interface OpenOptions {
  /** For tests of a single migration: stop at this version. */
  targetVersion?: number;
  readonly?: boolean;
  migrations?: Migration[];
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'faxdesk.sqlite');
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // WAL: readers (status, the window) never block the delivery engine's writes; synchronous=FULL makes every
  // committed transaction durable before it returns: the commit point must survive a power cut.
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db, options.migrations ?? migrations, options.targetVersion);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each migration above the file's user_version in its own transaction, in order. */
export function migrate(db: Db, list: Migration[], targetVersion?: number): void {
  const target = targetVersion ?? Math.max(0, ...list.map((migration) => migration.version));
  const current = schemaVersion(db);
  if (current > Math.max(0, ...list.map((migration) => migration.version))) {
    throw new Error(`The data folder was written by a newer faxdesk (schema ${current}); update faxdesk to open it.`);
  }
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
