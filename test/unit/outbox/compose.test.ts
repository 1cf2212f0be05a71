import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../main/core/clock';
import { ComposeError, MessageComposer } from '../../../main/core/outbox/compose';
import { tempDir } from '../../support/transports';

const from = 'fax@example.com';

function composer() {
  const dir = tempDir('faxdesk-compose-');
  return { dir, outbox: path.join(dir, 'outbox'), composer: new MessageComposer(path.join(dir, 'outbox'), new FakeClock()) };
}

const base = { kind: 'manual' as const, to: ['ann@example.com'], subject: 'Fax from +49 30 1234', text: 'A fax arrived.' };

describe('message composition', () => {
  it('writes the .eml once, with the Message-ID fixed and the attachment included', async () => {
    const { dir, composer: c } = composer();
    const attachment = path.join(dir, 'fax.pdf');
    fs.writeFileSync(attachment, Buffer.alloc(50_000, 7));
    const message = await c.compose({ ...base, attachments: [{ path: attachment, contentType: 'application/pdf' }] }, from);
    expect(message.messageId).toBe(`<${message.id}@example.com>`);
    const eml = fs.readFileSync(message.file, 'latin1');
    expect(eml).toContain(`Message-ID: ${message.messageId}`);
    expect(eml).toContain('Subject: Fax from +49 30 1234');
    expect(eml).toContain('Content-Type: application/pdf; name=fax.pdf');
    expect(eml).toMatch(/\r\n/);
    expect(message.sizeBytes).toBe(fs.statSync(message.file).size);
    // No temp file is left beside it.
    expect(fs.readdirSync(path.dirname(message.file))).toEqual([`${message.id}.eml`]);
  });

  it.each([
    ['subject', { subject: 'Hello\r\nBcc: everyone@example.com' }, /subject contains a carriage return/],
    ['subject', { subject: 'Hello\nBcc: everyone@example.com' }, /subject contains a line feed/],
    ['subject', { subject: 'Hello\u0000' }, /subject contains a control character \(U\+0000\)/],
    ['recipient', { to: ['ann@example.com\r\nBcc: x@example.com'] }, /recipient address contains a carriage return/],
    ['recipient', { to: ['not an address'] }, /"not an address" is not an e-mail address/],
    ['recipient', { to: [] }, /at least one recipient/],
  ])('refuses a %s that could forge headers or is not valid, writing nothing', async (_what, change, message) => {
    const { outbox, composer: c } = composer();
    await expect(c.compose({ ...base, ...change }, from)).rejects.toThrow(message);
    await expect(c.compose({ ...base, ...change }, from)).rejects.toBeInstanceOf(ComposeError);
    expect(fs.existsSync(outbox) ? fs.readdirSync(outbox) : []).toEqual([]);
  });

  it('refuses an attachment name with a line break and a missing attachment file', async () => {
    const { dir, composer: c } = composer();
    const file = path.join(dir, 'fax.pdf');
    fs.writeFileSync(file, 'x');
    await expect(c.compose({ ...base, attachments: [{ path: file, filename: 'a\r\nContent-Type: text/html' }] }, from)).rejects.toThrow(
      /attachment name contains a carriage return/,
    );
    await expect(c.compose({ ...base, attachments: [{ path: path.join(dir, 'gone.pdf') }] }, from)).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });

  it('refuses a sender address with a line break', async () => {
    const { composer: c } = composer();
    await expect(c.compose(base, 'fax@example.com\nX: y')).rejects.toThrow(/sender address \(mail.from\) contains a line feed/);
  });
});
