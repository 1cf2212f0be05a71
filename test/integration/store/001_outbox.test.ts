// Migration 001 (the outbox): a data folder at version 0 with data in it opens, migrates, and keeps what it held.
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/core/store/database';
import { MessageRepository } from '../../../main/core/store/messageRepository';
import { outboxMigration } from '../../../main/core/store/migrations/001_outbox';
import { tempDir } from '../../support/transports';

describe('migration 001: outbox', () => {
  it('migrates a version-0 file, keeping its data, and gives the outbox tables and paging indexes', () => {
    const file = path.join(tempDir('faxdesk-migrate-'), 'faxdesk.sqlite');
    const old = new BetterSqlite3(file);
    // Version 0: a file some earlier tool created, with a table of its own.
    old.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');");
    expect(old.pragma('user_version', { simple: true })).toBe(0);
    old.close();

    const db = openDatabase(file, { targetVersion: outboxMigration.version });
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['keep me']);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['messages', 'recipients', 'attempts']));
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['messages_created', 'messages_state_created', 'messages_kind_created', 'messages_due']));

    const repository = new MessageRepository(db);
    const summary = repository.insert({
      id: 'm1',
      kind: 'received-fax',
      subject: 'Fax',
      from: 'fax@example.com',
      to: ['ann@example.com'],
      messageId: '<m1@example.com>',
      emlPath: 'outbox/m1.eml',
      sizeBytes: 10,
      faxId: 'f1',
      createdAt: Date.UTC(2026, 0, 1),
      state: 'queued',
    });
    expect(summary).toMatchObject({ id: 'm1', state: 'queued', to: ['ann@example.com'], faxId: 'f1' });
    expect(() => db.prepare("UPDATE messages SET state = 'lost' WHERE id = 'm1'").run()).toThrow(/CHECK constraint/);
    db.close();
    // Opening again does not run it twice.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBeGreaterThanOrEqual(1);
    expect(new MessageRepository(again).summary('m1').subject).toBe('Fax');
    again.close();
  });
});
