// The inbox as a user drives it: files in the spool, `faxdesk run --until-idle`, and what the mail server received.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { SmtpSink } from '../../support/smtpSink';
import { tempDir } from '../../support/transports';
import { dropUniqueFax, fixtures } from './support';

let sink: SmtpSink | undefined;
afterEach(async () => sink?.close());

async function setup(dataDir: string, port: number) {
  for (const [key, value] of [
    ['smtp.host', '127.0.0.1'],
    ['smtp.port', String(port)],
    ['mail.from', 'fax@example.com'],
    ['inbox.deliverTo', '["office@example.com"]'],
    ['inbox.routes', '[{"match":{"to":"200"},"deliverTo":["sales@example.com"]}]'],
    ['notifications.sentTo', 'sent@example.com'],
  ]) {
    const result = await runCli(['prefs', 'set', key!, value!, '--data', dataDir]);
    expect(result.code, result.stderr).toBe(0);
  }
}

describe('faxdesk run --until-idle with a spool', () => {
  it('mails each received fax with its file attached, notifies sent reports, and reports rejects in status', async () => {
    sink = new SmtpSink();
    const { port } = await sink.start();
    const dataDir = tempDir();
    await setup(dataDir, port);
    const received = path.join(dataDir, 'spool', 'received');
    const sent = path.join(dataDir, 'spool', 'sent');
    fs.mkdirSync(received, { recursive: true });
    fs.mkdirSync(sent, { recursive: true });
    dropUniqueFax(received, 'sales.tif', 1, 'g4-fine-3p.tif');
    fs.writeFileSync(path.join(received, 'sales.json'), JSON.stringify({ from: '+49 40 777', to: '200', csid: 'ACME' }));
    fs.copyFileSync(path.join(fixtures, 'pdf-1p.pdf'), path.join(received, 'scan.pdf'));
    fs.writeFileSync(path.join(received, 'broken.pdf'), '%PDF-1.4 nothing else');
    fs.writeFileSync(path.join(sent, 'job-7.json'), JSON.stringify({ jobId: 7, to: '+49 89 1', status: 'failed', error: 'BUSY' }));

    const run = await runCli(['run', '--until-idle', '--data', dataDir]);
    expect(run.code, run.stderr).toBe(0);

    const bySubject = Object.fromEntries(sink.messages.map((message) => [/^Subject: (.*)$/m.exec(message.raw.toString())?.[1], message]));
    expect(Object.keys(bySubject).sort()).toEqual(['Fax from +49 40 777 (3 pages)', 'Fax from unknown sender (1 page)', 'Fax to +49 89 1 failed']);
    expect(bySubject['Fax from +49 40 777 (3 pages)']?.envelope.to).toEqual(['sales@example.com']);
    expect(bySubject['Fax from unknown sender (1 page)']?.envelope.to).toEqual(['office@example.com']);
    expect(bySubject['Fax to +49 89 1 failed']?.envelope.to).toEqual(['sent@example.com']);
    const tiffMail = bySubject['Fax from +49 40 777 (3 pages)']!.raw.toString();
    expect(tiffMail).toMatch(/Content-Type: image\/tiff; name=/);
    expect(tiffMail).toMatch(/Content-Disposition: attachment; filename="Fax from \+49 40 777 [^"]*\.tif"/);

    const status = await runCli(['status', '--json', '--data', dataDir]);
    const report = JSON.parse(status.stdout) as {
      faxes: Array<{ from: string | null; to: string | null; csid: string | null; pages: number; sha256: string; messageIds: string[]; deliveryState: string }>;
      rejected: Array<{ fileName: string; reason: string }>;
      messages: Array<{ id: string; state: string }>;
    };
    expect(report.faxes).toHaveLength(2);
    const sales = report.faxes.find((fax) => fax.to === '200')!;
    expect(sales).toMatchObject({ from: '+49 40 777', csid: 'ACME', pages: 3, deliveryState: 'delivered' });
    expect(sales.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.messages.find((message) => message.id === sales.messageIds[0])?.state).toBe('delivered');
    expect(report.rejected).toEqual([{ fileName: 'broken.pdf', reason: expect.stringMatching(/PDF/), rejectedAt: expect.any(String) }]);
    expect(fs.readFileSync(path.join(dataDir, 'spool', 'rejected', 'broken.pdf.error.txt'), 'utf8')).toMatch(/PDF/);
  }, 60_000);

  it('imports one file from the command line, once', async () => {
    const dataDir = tempDir();
    const file = path.join(fixtures, 'g3-normal-3p.tif');
    const first = await runCli(['import', file, '--from', '+49 30 5', '--csid', 'HQ', '--data', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/3 pages, not routed/);
    const again = await runCli(['import', file, '--data', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(first.stdout.trim());
    expect(again.stderr).toMatch(/already in the library/);
    const bad = await runCli(['import', path.join(fixtures, 'jbig-1p.tif'), '--data', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/jbig-1p\.tif was not imported: .*JBIG/);
    const injected = await runCli(['import', file, '--from', '+49\r\nBcc: x@example.com', '--data', dataDir]);
    expect(injected.code).toBe(2);
    expect(injected.stderr).toMatch(/from/);
  }, 60_000);
});
