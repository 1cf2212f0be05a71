// The local mailbox over the real contract (Electron bridge in memory): a message delivered to the built-in mailbox is
// listed and read back, and mailbox:read opens nothing but a message stored directly in the mailbox folder.
import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_READ_BYTES } from '../../main/core/smtp/localMailbox';
import { electronFixture, tempDir, type TransportFixture } from '../support/transports';

/** A fax mail as a fax line's mailer might send it: an HTML body only, a PDF attached, a name and subject in UTF-8. */
function htmlWithPdf(pdf: Buffer): Promise<Buffer> {
  return new MailComposer({
    from: 'Fax Zentrale München <fax@example.com>',
    to: 'anna@example.com, Team: bob@example.com, carol@example.com;',
    subject: 'Fax von Müller',
    date: new Date('2026-01-01T10:00:00Z'),
    messageId: '<html-fax@faxdesk.test>',
    html: '<html><head><title>ignored</title><style>p { color: red }</style></head><body>\n<p>A fax &amp; its   cover page</p><script>alert(1)</script><ul><li>3 pages</li><li>from +49 89 1234</li></ul>\n</body></html>',
    attachments: [{ filename: 'fax.pdf', content: pdf, contentType: 'application/pdf' }],
  })
    .compile()
    .build();
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
    fs.writeFileSync(path.join(fixture.engine.mailboxDir, '20260101T100000Z-HTMLFAX00001.eml'), await htmlWithPdf(pdf));
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
    fs.writeFileSync(path.join(fixture.engine.mailboxDir, file), await htmlWithPdf(Buffer.alloc(MAX_READ_BYTES, 0x41)));
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
