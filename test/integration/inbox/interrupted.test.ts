// A stop between the inbox's record and its mail (the process killed in that instant) is finished at the next start,
// once: a fax whose mail was already queued gets no second one, and a sent report recorded before its notification was
// queued is notified then, and only then. Asserted on what the mail server received over `faxdesk run --until-idle`.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openDatabase } from '../../../main/core/store/database';
import { runCli } from '../../support/cli';
import { SmtpSink } from '../../support/smtpSink';
import { tempDir } from '../../support/transports';
import { dropUniqueFax } from './support';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});

/** A mail server, and the data folder's config.json pointing at it (what `faxdesk prefs set` would write). */
async function serverFor(dataDir: string): Promise<SmtpSink> {
  const sink = new SmtpSink();
  sinks.push(sink);
  const { port } = await sink.start();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      smtp: { host: '127.0.0.1', port },
      mail: { from: 'fax@example.com' },
      inbox: { deliverTo: ['office@example.com'] },
      notifications: { sentTo: 'sent@example.com' },
    }),
  );
  return sink;
}

async function runUntilIdle(dataDir: string): Promise<void> {
  const run = await runCli(['run', '--until-idle', '--data', dataDir]);
  expect(run.code, run.stderr).toBe(0);
}

/** Changes the store as a process killed at that instant would have left it. */
function stoppedHere(dataDir: string, sql: string): void {
  const db = openDatabase(databasePath(dataDir));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const subjects = (sink: SmtpSink) => sink.messages.map((message) => /^Subject: (.*)$/m.exec(message.raw.toString())?.[1]);

describe('a stop between the record and the mail', () => {
  it('after the fax mail was queued but before the fax was marked: no second mail', async () => {
    const dataDir = tempDir();
    const first = await serverFor(dataDir);
    const received = path.join(dataDir, 'spool', 'received');
    fs.mkdirSync(received, { recursive: true });
    dropUniqueFax(received, 'fax.tif', 41);
    await runUntilIdle(dataDir);
    expect(subjects(first)).toEqual(['Fax from unknown sender (1 page)']);

    stoppedHere(dataDir, "UPDATE faxes SET mail_state = 'pending'");
    const second = await serverFor(dataDir);
    await runUntilIdle(dataDir);
    expect(subjects(second)).toEqual([]);
    const status = JSON.parse((await runCli(['status', '--json', '--data', dataDir])).stdout) as { faxes: Array<{ messageIds: string[] }> };
    expect(status.faxes.map((fax) => fax.messageIds.length)).toEqual([1]);
  }, 60_000);

  it('after the sent report was recorded but before its notification was queued: notified once, at the next start', async () => {
    const dataDir = tempDir();
    const first = await serverFor(dataDir);
    const sent = path.join(dataDir, 'spool', 'sent');
    fs.mkdirSync(sent, { recursive: true });
    const report = JSON.stringify({ jobId: 'job-9', to: '+49 89 9', status: 'sent', pages: 2 });
    fs.writeFileSync(path.join(sent, 'job-9.json'), report);
    await runUntilIdle(dataDir);
    expect(subjects(first)).toEqual(['Fax to +49 89 9 sent']);

    // As if killed before the enqueue: the report is recorded (with the id its notification was to have), no message is.
    stoppedHere(dataDir, "DELETE FROM messages WHERE kind = 'sent-notification'");
    const second = await serverFor(dataDir);
    await runUntilIdle(dataDir);
    expect(subjects(second)).toEqual(['Fax to +49 89 9 sent']);

    // The fax line drops the same report again (it did not see it go): a duplicate, nobody is told a third time.
    fs.writeFileSync(path.join(sent, 'job-9.json'), report);
    await runUntilIdle(dataDir);
    expect(subjects(second)).toHaveLength(1);
    expect(fs.existsSync(path.join(sent, 'job-9.json'))).toBe(false);
  }, 60_000);
});
