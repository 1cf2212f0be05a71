// The schema migrations, one file each, applied in version order (a test per migration checks each).
import type BetterSqlite3 from 'better-sqlite3';
import { outboxMigration } from './001_outbox';
import { faxesMigration } from './002_faxes';
import { commitRecipientsMigration } from './003_commitRecipients';

export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

export const migrations: Migration[] = [outboxMigration, faxesMigration, commitRecipientsMigration];
