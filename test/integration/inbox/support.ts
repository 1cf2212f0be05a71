// A fax inbox on a temporary data folder with a real SQLite file, and a mail queue that records what it was given.
import fs from 'node:fs';
import path from 'node:path';
import { FakeClock } from '../../../main/core/clock';
import { FaxInbox, type InboxMail, type InboxSettings, type MailQueue } from '../../../main/core/inbox/faxInbox';
import { createMemoryLogger } from '../../../main/core/logger';
import { databasePath, openDatabase, type Db } from '../../../main/core/store/database';
import { FaxRepository } from '../../../main/core/store/faxRepository';
import { tempDir } from '../../support/tempDir';

export const fixtures = path.resolve('test/fixtures/faxes');

export class RecordingMailQueue implements MailQueue {
  readonly mails: Array<InboxMail & { id: string }> = [];
  async enqueue(mail: InboxMail): Promise<{ id: string }> {
    // The attachment must exist when the outbox composes the message.
    for (const attachment of mail.attachments ?? []) fs.accessSync(attachment.path);
    const id = mail.id ?? `m${this.mails.length + 1}`;
    this.mails.push({ ...mail, id });
    return { id };
  }
}

export interface InboxFixture {
  dataDir: string;
  spool: { received: string; sent: string; rejected: string };
  db: Db;
  faxes: FaxRepository;
  mail: RecordingMailQueue;
  clock: FakeClock;
  inbox: FaxInbox;
  settings: InboxSettings;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): void;
}

export async function makeInbox(overrides: Partial<InboxSettings> = {}): Promise<InboxFixture> {
  const dataDir = tempDir('faxdesk-inbox-');
  const settings: InboxSettings = {
    spoolDir: path.join(dataDir, 'spool'),
    routes: [],
    deliverTo: ['office@example.com'],
    maxFileMegabytes: 50,
    sentTo: 'sent-faxes@example.com',
    ...overrides,
  };
  const db = openDatabase(databasePath(dataDir));
  const faxes = new FaxRepository(db);
  const mail = new RecordingMailQueue();
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 14, 5));
  const logger = createMemoryLogger();
  const inbox = new FaxInbox({ dataDir, faxes, mail, clock, logger, settings: () => settings, orphanSidecarMs: 60_000 });
  await inbox.ensureFolders();
  const folders = inbox.folders();
  return {
    dataDir,
    spool: { received: folders.received, sent: folders.sent, rejected: folders.rejected },
    db,
    faxes,
    mail,
    clock,
    inbox,
    settings,
    logger,
    close: () => db.close(),
  };
}

export function dropFixture(dir: string, fixture: string, as = fixture): string {
  const target = path.join(dir, as);
  fs.copyFileSync(path.join(fixtures, fixture), target);
  return target;
}

/** A valid fax with unique bytes: a fixture with a few bytes appended after its data (readers ignore them). */
export function dropUniqueFax(dir: string, name: string, seed: number, fixture = 'g4-normal-1p.tif'): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, Buffer.concat([fs.readFileSync(path.join(fixtures, fixture)), Buffer.from(`\nfaxdesk-test-${seed}\n`)]));
  return target;
}

export function rejectedEntries(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.error.txt')) result[name.slice(0, -'.error.txt'.length)] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return result;
}
