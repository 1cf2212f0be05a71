// The local mailbox over the real contract (Electron bridge in memory): a message delivered to the built-in mailbox is
// listed and read back, and mailbox:read opens nothing but a message stored directly in the mailbox folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_READ_BYTES } from '../../main/core/smtp/localMailbox';
import { electronFixture, tempDir, type TransportFixture } from '../support/transports';

/** A fax mail as a fax line's mailer might send it: an HTML body only, and a PDF attached. */
function htmlWithPdf(pdf: Buffer, padTo = 0): string {
  const base64 = pdf.toString('base64').replace(/.{76}/g, '$&\r\n');
  const padding = padTo > 0 ? 'QUFB'.repeat(19).concat('\r\n').repeat(Math.ceil(padTo / 78)) : '';
  return [
    'From: =?utf-8?Q?Fax_Zentrale_M=C3=BCnchen?= <fax@example.com>',
    'To: anna@example.com, Team: bob@example.com, carol@example.com;',
    'Subject: =?utf-8?Q?Fax_von_M=C3=BCller?=',
    'Date: Thu, 01 Jan 2026 10:00:00 +0000',
    'Message-ID: <html-fax@faxdesk.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><head><title>ignored</title><style>p { color: red }</style></head><body>',
    '<p>A fax &amp; its   cover page</p><script>alert(1)</script><ul><li>3 pages</li><li>from +49 89 1234</li></ul>',
    '</body></html>',
    '--b1',
    'Content-Type: application/pdf; name="fax.pdf"',
    'Content-Disposition: attachment; filename="fax.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64,
    padding,
    '--b1--',
    '',
  ].join('\r\n');
}

let fixture: TransportFixture;
beforeAll(async () => {
  fixture = await electronFixture();
});
afterAll(() => fixture?.close());

describe('the local mailbox over the contract', () => {
  it('lists a test message delivered to the built-in mailbox by its name and reads it back', async () => {
    const sent = await fixture.api.messages.sendTest({ to: 'ann@example.com' });
    expect(sent.ok).toBe(true);
    await fixture.engine.outbox.whenIdle();
    const detail = await fixture.api.messages.get({ id: sent.ok ? sent.value.id : '' });
    expect(detail.ok && detail.value.state).toBe('delivered');

    const listed = await fixture.api.mailbox.list({ limit: 10 });
    expect(listed.ok).toBe(true);
    const [item] = listed.ok ? listed.value.items : [];
    expect(item!.file).toMatch(/^\d{8}T\d{6}Z-[0-9A-F]{12}\.eml$/);
    expect(item!.subject).toBe('faxdesk test message');

    const read = await fixture.api.mailbox.read({ file: item!.file });
    expect(read).toMatchObject({
      ok: true,
      value: {
        file: item!.file,
        subject: 'faxdesk test message',
        to: ['ann@example.com'],
        cc: [],
        messageId: detail.ok ? detail.value.messageId : '',
        textFrom: 'plain',
        textTruncated: false,
        attachments: [],
        sizeBytes: item!.sizeBytes,
        readBytes: item!.sizeBytes,
      },
    });
    const message = read.ok ? read.value : undefined;
    expect(message!.text).toContain('This is a test message from faxdesk.');
    expect(message!.from).toContain(detail.ok ? detail.value.from : '');
    expect(new Date(message!.date!).getTime()).not.toBeNaN();
  });

  it('shows an HTML-only mail as text and lists its attachment with its size, without sending the attachment', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30_000, 0x41)]);
    fs.writeFileSync(path.join(fixture.engine.mailboxDir, '20260101T100000Z-HTMLFAX00001.eml'), htmlWithPdf(pdf));
    const read = await fixture.api.mailbox.read({ file: '20260101T100000Z-HTMLFAX00001.eml' });
    expect(read).toMatchObject({
      ok: true,
      value: {
        from: 'Fax Zentrale München <fax@example.com>',
        to: ['anna@example.com', 'bob@example.com', 'carol@example.com'],
        subject: 'Fax von Müller',
        date: '2026-01-01T10:00:00.000Z',
        messageId: '<html-fax@faxdesk.test>',
        textFrom: 'html',
        text: 'A fax & its cover page\n\n• 3 pages\n• from +49 89 1234',
        attachments: [{ filename: 'fax.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length }],
      },
    });
    expect(JSON.stringify(read).length).toBeLessThan(2000);
  });

  it('reads no more than its limit of a very large message, and says how much it read', async () => {
    const file = '20260101T110000Z-LARGEFAX0001.eml';
    fs.writeFileSync(path.join(fixture.engine.mailboxDir, file), htmlWithPdf(Buffer.from('%PDF-1.4\n'), MAX_READ_BYTES + 1024 * 1024));
    const read = await fixture.api.mailbox.read({ file });
    expect(read).toMatchObject({ ok: true, value: { subject: 'Fax von Müller', readBytes: MAX_READ_BYTES, textFrom: 'html' } });
    expect(read.ok && read.value.sizeBytes).toBeGreaterThan(MAX_READ_BYTES);
    expect(JSON.stringify(read).length).toBeLessThan(2000);
  });

  it('refuses paths, hidden and other names with E_INVALID_PAYLOAD, and links, folders and missing files with E_NOT_FOUND', async () => {
    const outside = path.join(tempDir(), 'secret.eml');
    fs.writeFileSync(outside, 'Subject: not in the mailbox\r\n\r\nsecret\r\n');
    fs.symlinkSync(outside, path.join(fixture.engine.mailboxDir, 'link.eml'));
    fs.mkdirSync(path.join(fixture.engine.mailboxDir, 'folder.eml'));
    fs.writeFileSync(path.join(fixture.engine.mailboxDir, '.hidden.eml'), 'Subject: hidden\r\n\r\n');

    for (const file of ['../config.json', '../mailbox/x.eml', '..', outside, 'a/b.eml', '..\\x.eml', 'C:x.eml', '.hidden.eml', 'config.json', 'x.eml\u0000.txt', '']) {
      const read = await fixture.api.mailbox.read({ file });
      expect({ file, read }).toMatchObject({ file, read: { ok: false, error: { code: 'E_INVALID_PAYLOAD' } } });
    }
    for (const file of ['link.eml', 'folder.eml', 'missing.eml']) {
      const read = await fixture.api.mailbox.read({ file });
      expect({ file, read }).toMatchObject({ file, read: { ok: false, error: { code: 'E_NOT_FOUND' } } });
      expect(JSON.stringify(read)).not.toContain('secret');
    }
  });
});
