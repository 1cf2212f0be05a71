// Migration 003: a version-2 file with a message in flight gains the column that keeps RCPT results with the commit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/core/store/database';
import { MessageRepository } from '../../../main/core/store/messageRepository';
import { commitRecipientsMigration } from '../../../main/core/store/migrations/003_commitRecipients';
import { tempDir } from '../../support/transports';

describe('migration 003: commit recipients', () => {
  it('migrates a version-2 file and stores RCPT results with a commit point', async () => {
    const file = path.join(tempDir('faxdesk-migrate-'), 'faxdesk.sqlite');
    const v2 = openDatabase(file, { targetVersion: 2 });
    new MessageRepository(v2).insert({
      id: 'm1',
      kind: 'manual',
      subject: 'Test',
      from: 'fax@example.com',
      to: ['ann@example.com', 'ben@example.com'],
      messageId: '<m1@example.com>',
      emlPath: 'outbox/m1.eml',
      sizeBytes: 10,
      faxId: null,
      createdAt: Date.UTC(2026, 0, 1),
      state: 'queued',
    });
    // Claimed by an attempt that is in flight when the file is migrated.
    v2.prepare("UPDATE messages SET state = 'sending', attempts = 1 WHERE id = 'm1'").run();
    expect(v2.prepare("SELECT count(*) AS n FROM pragma_table_info('messages') WHERE name = 'commit_recipients'").get()).toEqual({ n: 0 });
    v2.close();

    const db = openDatabase(file, { targetVersion: commitRecipientsMigration.version });
    expect(schemaVersion(db)).toBe(3);
    const repository = new MessageRepository(db);
    const [before] = repository.interrupted();
    expect(before).toMatchObject({ id: 'm1', commitReply: null, commitRecipients: null });
    const recipients = [
      { address: 'ann@example.com', status: 'accepted' as const, reply: '250 2.1.5 Ok' },
      { address: 'ben@example.com', status: 'temporary' as const, reply: '450 4.2.0 Busy' },
    ];
    await repository.recordCommit('m1', '250 2.0.0 Ok: queued as 4F2A1', Date.UTC(2026, 0, 1, 0, 1), recipients);
    expect(repository.interrupted()[0]).toMatchObject({ commitReply: '250 2.0.0 Ok: queued as 4F2A1', commitRecipients: recipients });
    db.close();
  });
});
