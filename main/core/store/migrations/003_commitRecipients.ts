// Migration 3: the RCPT results of the attempt in flight are stored with its commit point, so a restart after a crash
// between the 250 and the attempt's record retries exactly the addresses the server refused for now.
import type { Migration } from './index';

export const commitRecipientsMigration: Migration = {
  version: 3,
  name: 'commit-recipients',
  up(db) {
    // JSON: [{ address, status: 'accepted' | 'temporary' | 'permanent', reply }]; null where no commit was recorded.
    db.exec('ALTER TABLE messages ADD COLUMN commit_recipients TEXT');
  },
};
