import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropFixture, dropUniqueFax, makeInbox, rejectedEntries, type InboxFixture } from './support';

let fx: InboxFixture;
afterEach(() => fx?.close());

describe('importing received faxes', () => {
  it('stores a TIFF and a PDF in the library, routes them and queues their mail, then empties the spool', async () => {
    fx = await makeInbox();
    dropFixture(fx.spool.received, 'g4-fine-3p.tif', 'fax-0001.tif');
    fs.writeFileSync(path.join(fx.spool.received, 'fax-0001.json'), JSON.stringify({ from: '+49 30 1234', to: '200', csid: 'ACME GmbH', receivedAt: '2026-12-03T13:58:00Z' }));
    dropFixture(fx.spool.received, 'pdf-3p.pdf', 'report.pdf');
    await fx.inbox.rescan();

    const { items, total } = fx.faxes.list({ limit: 10 });
    expect(total).toBe(2);
    const tiff = items.find((fax) => fax.format === 'tiff')!;
    expect(tiff).toMatchObject({ from: '+49 30 1234', to: '200', csid: 'ACME GmbH', pages: 3, receivedAt: '2026-12-03T13:58:00.000Z', deliverTo: ['office@example.com'], read: false });
    expect(fs.readFileSync(path.join(fx.dataDir, tiff.libraryPath))).toEqual(fs.readFileSync('test/fixtures/faxes/g4-fine-3p.tif'));
    expect(fx.mail.mails.map((mail) => mail.subject).sort()).toEqual(['Fax from +49 30 1234 (3 pages)', 'Fax from unknown sender (3 pages)']);
    const mail = fx.mail.mails.find((entry) => entry.faxId === tiff.id)!;
    expect(mail).toMatchObject({ kind: 'received-fax', to: ['office@example.com'] });
    expect(mail.attachments?.[0]).toMatchObject({ filename: expect.stringMatching(/^Fax from \+49 30 1234 2026-12-0[34] \d{4}\.tif$/), contentType: 'image/tiff' });
    expect(fs.readdirSync(fx.spool.received)).toEqual([]);
    expect(fx.faxes.get(tiff.id)?.mailState).toBe('queued');
  });

  it('routes by the number called, first matching rule wins, and keeps an unrouted fax', async () => {
    fx = await makeInbox({
      routes: [
        { match: { to: '+4930555*' }, deliverTo: ['sales@example.com'] },
        { match: { csid: 'acme*' }, deliverTo: ['acme@example.com'] },
      ],
      deliverTo: [],
    });
    dropUniqueFax(fx.spool.received, 'a.tif', 1);
    fs.writeFileSync(path.join(fx.spool.received, 'a.json'), JSON.stringify({ to: '+49 30 555 12', csid: 'ACME' }));
    dropUniqueFax(fx.spool.received, 'b.tif', 2);
    fs.writeFileSync(path.join(fx.spool.received, 'b.json'), JSON.stringify({ to: '+49 40 1', csid: 'Acme Ltd' }));
    dropUniqueFax(fx.spool.received, 'c.tif', 3);
    await fx.inbox.rescan();
    const byName = Object.fromEntries(fx.faxes.list({ limit: 10 }).items.map((fax) => [fax.originalName, fax]));
    expect(byName['a.tif']?.deliverTo).toEqual(['sales@example.com']);
    expect(byName['b.tif']?.deliverTo).toEqual(['acme@example.com']);
    expect(byName['c.tif']).toMatchObject({ deliverTo: [], mailState: 'not-routed', deliveryState: null });
    expect(fx.mail.mails).toHaveLength(2);
    expect(fx.faxes.list({ deliveryStates: ['not-routed'], limit: 10 }).items.map((fax) => fax.originalName)).toEqual(['c.tif']);
  });

  it('imports the same document only once', async () => {
    fx = await makeInbox();
    dropFixture(fx.spool.received, 'pdf-1p.pdf', 'first.pdf');
    await fx.inbox.rescan();
    dropFixture(fx.spool.received, 'pdf-1p.pdf', 'again.pdf');
    const [outcome] = await fx.inbox.rescan();
    expect(outcome).toMatchObject({ kind: 'duplicate' });
    expect(fx.faxes.list({ limit: 10 }).total).toBe(1);
    expect(fx.mail.mails).toHaveLength(1);
    expect(rejectedEntries(fx.spool.rejected)['again.pdf']).toMatch(/already imported/);
  });

  it('keeps odd names readable and safe in the library', async () => {
    fx = await makeInbox();
    const names = ['fax..pdf', 'Fax vom Müller Ärztehaus.pdf', `${'lang'.repeat(60)}.pdf`, 'with  spaces and ..dots.pdf'];
    names.forEach((name, index) => fs.writeFileSync(path.join(fx.spool.received, name), Buffer.concat([fs.readFileSync('test/fixtures/faxes/pdf-1p.pdf'), Buffer.from(`%${index}\n`)])));
    await fx.inbox.rescan();
    const stored = fx.faxes.list({ limit: 10 }).items;
    expect(stored).toHaveLength(4);
    for (const fax of stored) {
      const file = path.join(fx.dataDir, fax.libraryPath);
      expect(file.startsWith(path.join(fx.dataDir, 'faxes') + path.sep)).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
      expect(Buffer.byteLength(path.basename(file))).toBeLessThanOrEqual(140);
    }
    expect(stored.map((fax) => fax.fileName)).toContainEqual(expect.stringContaining('Fax vom Müller Ärztehaus.pdf'));
  });
});

describe('bad input: a clear reason, nothing lost, the valid faxes of the batch still go through', () => {
  it('rejects broken files with their reason and imports the good ones beside them', async () => {
    fx = await makeInbox({ maxFileMegabytes: 1 });
    const r = fx.spool.received;
    fs.writeFileSync(path.join(r, 'empty.pdf'), '');
    fs.writeFileSync(path.join(r, 'cut.pdf'), fs.readFileSync('test/fixtures/faxes/pdf-3p.pdf').subarray(0, 900));
    fs.writeFileSync(path.join(r, 'noise.tif'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    dropFixture(r, 'jbig-1p.tif', 'jbig.tif');
    fs.writeFileSync(path.join(r, 'huge.pdf'), Buffer.concat([fs.readFileSync('test/fixtures/faxes/pdf-1p.pdf'), Buffer.alloc(1_200_000)]));
    fs.writeFileSync(path.join(r, 'notes.docx'), 'not a fax');
    const outside = path.join(fx.dataDir, 'secret.pdf');
    fs.copyFileSync('test/fixtures/faxes/pdf-1p.pdf', outside);
    fs.symlinkSync(outside, path.join(r, 'link.pdf'));
    dropUniqueFax(r, 'good-1.tif', 11);
    dropUniqueFax(r, 'good-2.tif', 12, 'g3-normal-3p.tif');

    await fx.inbox.rescan();
    const reasons = rejectedEntries(fx.spool.rejected);
    expect(Object.keys(reasons).sort()).toEqual(['cut.pdf', 'empty.pdf', 'huge.pdf', 'jbig.tif', 'link.pdf', 'noise.tif', 'notes.docx']);
    expect(reasons['empty.pdf']).toMatch(/empty/i);
    expect(reasons['cut.pdf']).toMatch(/PDF/);
    expect(reasons['noise.tif']).toMatch(/not a TIFF|not a fax/i);
    expect(reasons['jbig.tif']).toMatch(/JBIG/);
    expect(reasons['huge.pdf']).toMatch(/limit is 1 MB/);
    expect(reasons['link.pdf']).toMatch(/symbolic link/);
    expect(reasons['notes.docx']).toMatch(/not a fax file type/);
    // The link moved, its target stayed where it was.
    expect(fs.lstatSync(path.join(fx.spool.rejected, 'link.pdf')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(outside)).toBe(true);
    // Every rejected file is still there, beside its reason.
    for (const name of Object.keys(reasons)) expect(fs.existsSync(path.join(fx.spool.rejected, name))).toBe(true);
    expect(fx.faxes.rejected(20)).toHaveLength(7);

    expect(fx.faxes.list({ limit: 10 }).items.map((fax) => fax.originalName).sort()).toEqual(['good-1.tif', 'good-2.tif']);
    expect(fx.mail.mails).toHaveLength(2);
    expect(fs.readdirSync(r)).toEqual([]);
  });

  it('refuses a details file that is not JSON, carries CR/LF or a 10,000-character value, with its fax', async () => {
    fx = await makeInbox();
    const r = fx.spool.received;
    dropUniqueFax(r, 'a.tif', 21);
    fs.writeFileSync(path.join(r, 'a.json'), '{ from: nope');
    dropUniqueFax(r, 'b.tif', 22);
    fs.writeFileSync(path.join(r, 'b.json'), JSON.stringify({ from: '+4930\r\nBcc: victim@example.com' }));
    dropUniqueFax(r, 'c.tif', 23);
    fs.writeFileSync(path.join(r, 'c.json'), JSON.stringify({ csid: 'x'.repeat(10_000) }));
    dropUniqueFax(r, 'ok.tif', 24);
    fs.writeFileSync(path.join(r, 'ok.json'), JSON.stringify({ from: '+4930 99' }));

    await fx.inbox.rescan();
    const reasons = rejectedEntries(fx.spool.rejected);
    expect(reasons['a.json']).toMatch(/JSON/);
    expect(reasons['a.tif']).toMatch(/a\.json was refused/);
    expect(reasons['b.json']).toMatch(/from.*line break/);
    expect(reasons['c.json']).toMatch(/csid.*10000 characters/);
    expect(fx.faxes.list({ limit: 10 }).items.map((fax) => fax.from)).toEqual(['+4930 99']);
    expect(fx.mail.mails.map((mail) => mail.subject)).toEqual(['Fax from +4930 99 (1 page)']);
  });

  it('lets a details file wait for its document, then rejects it', async () => {
    fx = await makeInbox();
    fs.writeFileSync(path.join(fx.spool.received, 'late.json'), JSON.stringify({ from: '+4930' }));
    expect(await fx.inbox.rescan()).toEqual([{ kind: 'waiting' }]);
    fx.clock.advance(30_000);
    expect(fs.existsSync(path.join(fx.spool.received, 'late.json'))).toBe(true);
    fx.clock.advance(31_000);
    await expect.poll(() => rejectedEntries(fx.spool.rejected)['late.json']).toMatch(/No fax document/);
    expect(fs.existsSync(path.join(fx.spool.received, 'late.json'))).toBe(false);
  });

  it('refuses a details file or report that is a link or larger than 64 KB, without following or reading it', async () => {
    fx = await makeInbox();
    const { received, sent } = fx.spool;
    const details = path.join(fx.dataDir, 'details.json');
    fs.writeFileSync(details, JSON.stringify({ from: '+49 30 1' }));
    const report = path.join(fx.dataDir, 'report.json');
    fs.writeFileSync(report, JSON.stringify({ jobId: 1, to: '+49 40 1', status: 'sent', notify: 'anna@example.com' }));
    dropUniqueFax(received, 'linked.tif', 31);
    fs.symlinkSync(details, path.join(received, 'linked.json'));
    dropUniqueFax(received, 'huge.tif', 32);
    fs.writeFileSync(path.join(received, 'huge.json'), '');
    fs.truncateSync(path.join(received, 'huge.json'), 3 * 1024 ** 3); // sparse: too big to read whole at all
    fs.symlinkSync(report, path.join(sent, 'report-linked.json'));
    fs.writeFileSync(path.join(sent, 'report-huge.json'), '');
    fs.truncateSync(path.join(sent, 'report-huge.json'), 3 * 1024 ** 3);

    await fx.inbox.rescan();
    const reasons = rejectedEntries(fx.spool.rejected);
    expect(Object.keys(reasons).sort()).toEqual(['huge.json', 'huge.tif', 'linked.json', 'linked.tif', 'report-huge.json', 'report-linked.json']);
    expect(reasons['linked.json']).toMatch(/symbolic link/);
    expect(reasons['linked.tif']).toMatch(/linked\.json was refused: .*symbolic link/);
    expect(reasons['report-linked.json']).toMatch(/symbolic link/);
    expect(reasons['huge.json']).toMatch(/limit is 64 KB/);
    expect(reasons['huge.tif']).toMatch(/huge\.json was refused: .*limit is 64 KB/);
    expect(reasons['report-huge.json']).toMatch(/limit is 64 KB/);
    expect(fs.lstatSync(path.join(fx.spool.rejected, 'report-linked.json')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(details) && fs.existsSync(report)).toBe(true);
    expect(fx.faxes.list({ limit: 10 }).total).toBe(0);
    expect(fx.mail.mails).toEqual([]);
    expect([...fs.readdirSync(received), ...fs.readdirSync(sent)]).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('refuses a details file or report that is a named pipe, without waiting on it', async () => {
    fx = await makeInbox();
    dropUniqueFax(fx.spool.received, 'piped.tif', 33);
    execFileSync('mkfifo', [path.join(fx.spool.received, 'piped.json'), path.join(fx.spool.sent, 'report-piped.json')]);

    await fx.inbox.rescan();
    const reasons = rejectedEntries(fx.spool.rejected);
    expect(reasons['piped.json']).toMatch(/special file/);
    expect(reasons['piped.tif']).toMatch(/piped\.json was refused/);
    expect(reasons['report-piped.json']).toMatch(/special file/);
    expect([...fs.readdirSync(fx.spool.received), ...fs.readdirSync(fx.spool.sent)]).toEqual([]);
  });

  it('keeps a file it cannot move to rejected/ for a later try, and logs why instead of crashing', async () => {
    fx = await makeInbox();
    const notes = path.join(fx.spool.received, 'notes.docx');
    fs.writeFileSync(notes, 'not a fax');
    // A file where the folder should be: nothing can be moved into rejected/ (root ignores permissions, this it cannot).
    fs.rmSync(fx.spool.rejected, { recursive: true });
    fs.writeFileSync(fx.spool.rejected, '');

    expect(await fx.inbox.handle(notes)).toEqual({ kind: 'skipped' });
    expect(fs.existsSync(notes)).toBe(true);
    expect(fx.logger.entries).toContainEqual(expect.objectContaining({ level: 'error', component: 'inbox', file: 'notes.docx' }));

    fs.rmSync(fx.spool.rejected);
    await fx.inbox.rescan();
    expect(rejectedEntries(fx.spool.rejected)['notes.docx']).toMatch(/not a fax file type/);
    expect(fs.readdirSync(fx.spool.received)).toEqual([]);
  });
});

describe('sent-fax reports', () => {
  it('notifies once per job and status, and says why a report without an address waits', async () => {
    fx = await makeInbox({ sentTo: '' });
    const s = fx.spool.sent;
    const report = { jobId: 4711, to: '+49 40 123', recipient: 'Dr. Weber', pages: 2, status: 'sent', completedAt: '2026-12-03T12:00:00Z', notify: 'anna@example.com' };
    fs.writeFileSync(path.join(s, 'job4711.json'), JSON.stringify(report));
    await fx.inbox.rescan();
    fs.writeFileSync(path.join(s, 'job4711-again.json'), JSON.stringify(report));
    fs.writeFileSync(path.join(s, 'job4712.json'), JSON.stringify({ ...report, jobId: 4712, status: 'failed', error: 'NO CARRIER', notify: undefined }));
    fs.writeFileSync(path.join(s, 'job4711-failed.json'), JSON.stringify({ ...report, status: 'failed', error: 'BUSY' }));
    await fx.inbox.rescan();

    expect(fx.mail.mails.map((mail) => [mail.kind, mail.to[0], mail.subject])).toEqual([
      ['sent-notification', 'anna@example.com', 'Fax to Dr. Weber (+49 40 123) sent'],
      ['sent-notification', 'anna@example.com', 'Fax to Dr. Weber (+49 40 123) failed'],
    ]);
    expect(rejectedEntries(fx.spool.rejected)['job4712.json']).toMatch(/notifications\.sentTo/);
    expect(fs.readdirSync(s)).toEqual([]);
  });
});

describe('the spool watcher', () => {
  it('imports 200 faxes dropped at once while running, and skips files still being written', async () => {
    fx = await makeInbox();
    const { SpoolWatcher } = await import('../../../main/core/inbox/spoolWatcher');
    const watcher = new SpoolWatcher({
      folders: [fx.spool.received, fx.spool.sent],
      stableMs: 200,
      logger: fx.logger,
      onFile: (file) => void fx.inbox.handle(file),
    });
    await watcher.start();
    try {
      fs.writeFileSync(path.join(fx.spool.received, 'incoming.pdf.part'), 'half a fax');
      fs.writeFileSync(path.join(fx.spool.received, '.hidden.tif'), 'still writing');
      for (let i = 0; i < 200; i++) dropUniqueFax(fx.spool.received, `batch-${String(i).padStart(3, '0')}.tif`, 1000 + i);
      fs.writeFileSync(path.join(fx.spool.received, 'bad.pdf'), '');
      await expect.poll(() => fx.faxes.list({ limit: 1 }).total, { timeout: 60_000, interval: 250 }).toBe(200);
      await expect.poll(() => rejectedEntries(fx.spool.rejected)['bad.pdf'], { timeout: 10_000 }).toMatch(/empty/);
      expect(fx.mail.mails).toHaveLength(200);
      expect(fs.readdirSync(fx.spool.received).sort()).toEqual(['.hidden.tif', 'incoming.pdf.part']);
    } finally {
      await watcher.stop();
    }
  }, 90_000);
});
