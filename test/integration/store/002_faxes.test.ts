// Migration 002 (the fax library): a version-1 file with queued mail migrates, and a fax shows its mail's state.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/core/store/database';
import { FaxRepository } from '../../../main/core/store/faxRepository';
import { MessageRepository } from '../../../main/core/store/messageRepository';
import { faxesMigration } from '../../../main/core/store/migrations/002_faxes';
import { tempDir } from '../../support/transports';

describe('migration 002: faxes', () => {
  it('migrates a version-1 file with messages in it and joins faxes to their mail', () => {
    const file = path.join(tempDir('faxdesk-migrate-'), 'faxdesk.sqlite');
    const v1 = openDatabase(file, { targetVersion: 1 });
    new MessageRepository(v1).insert({
      id: 'm1',
      kind: 'received-fax',
      subject: 'Fax from +4930 (1 page)',
      from: 'fax@example.com',
      to: ['ann@example.com'],
      messageId: '<m1@example.com>',
      emlPath: 'outbox/m1.eml',
      sizeBytes: 10,
      faxId: 'f1',
      createdAt: Date.UTC(2026, 0, 1),
      state: 'queued',
    });
    v1.close();

    const db = openDatabase(file, { targetVersion: faxesMigration.version });
    expect(schemaVersion(db)).toBe(2);
    expect(new MessageRepository(db).summary('m1').state).toBe('queued');
    const faxes = new FaxRepository(db);
    faxes.insert({
      id: 'f1',
      sha256: 'a'.repeat(64),
      receivedAt: '2026-01-01T10:00:00.000Z',
      importedAt: '2026-01-01T10:00:01.000Z',
      from: '+4930',
      to: '200',
      csid: null,
      pages: 1,
      format: 'tiff',
      originalName: 'fax.tif',
      libraryPath: 'faxes/2026/01/f1 fax.tif',
      sizeBytes: 1894,
      resolution: { x: 204, y: 98 },
      compression: 'G4',
      deliverTo: ['ann@example.com'],
      routeRule: null,
      mailState: 'pending',
    });
    expect(faxes.get('f1')).toMatchObject({ deliveryState: 'queued', messageIds: ['m1'], fileName: 'f1 fax.tif', read: false });
    expect(() => faxes.insert({ ...faxes.get('f1')!, id: 'f2', importedAt: 'x', mailState: 'pending', routeRule: null })).toThrow(/UNIQUE constraint failed: faxes.sha256/);
    expect(() => db.prepare("INSERT INTO sent_reports VALUES ('1', 'lost', 'x', 'a@b', NULL, 'p')").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});
