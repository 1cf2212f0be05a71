// The schema migrations, one file each, applied in version order (a test per migration checks each).
import type BetterSqlite3 from 'better-sqlite3';
import { migration002Faxes } from './002_faxes';

export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

export const migrations: Migration[] = [migration002Faxes];
