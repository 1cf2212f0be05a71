// The received-fax and sent-fax mails: subjects, bodies, attachment names, escaping and header safety.
import { describe, expect, it } from 'vitest';
import { headerValue, receivedFaxMail, sentNotificationMail } from '../../../main/core/inbox/mailText';
import { parseReceivedSidecar } from '../../../main/core/inbox/sidecar';

const berlin = { timeZone: 'Europe/Berlin' };
const fax = { from: '+49 30 1234', to: '+49 30 555', csid: 'ACME Legal', receivedAt: '2026-12-03T13:05:00Z', pages: 3, fileName: 'fax0001.pdf' };

describe('receivedFaxMail', () => {
  it('names the sender and the pages in the subject', () => {
    expect(receivedFaxMail(fax, berlin).subject).toBe('Fax from +49 30 1234 (3 pages)');
    expect(receivedFaxMail({ ...fax, pages: 1 }, berlin).subject).toBe('Fax from +49 30 1234 (1 page)');
    expect(receivedFaxMail({ ...fax, pages: undefined }, berlin).subject).toBe('Fax from +49 30 1234');
  });

  it('falls back to the station ID, then to "unknown sender"', () => {
    expect(receivedFaxMail({ ...fax, from: undefined }, berlin).subject).toBe('Fax from ACME Legal (3 pages)');
    expect(receivedFaxMail({ fileName: 'x.tif', pages: 2 }, berlin).subject).toBe('Fax from unknown sender (2 pages)');
  });

  it('gives the attachment a readable name with the time it arrived, in the local zone', () => {
    expect(receivedFaxMail(fax, berlin).attachmentName).toBe('Fax from +49 30 1234 2026-12-03 1405.pdf');
    expect(receivedFaxMail({ ...fax, fileName: 'f.TIF' }, { timeZone: 'UTC' }).attachmentName).toBe('Fax from +49 30 1234 2026-12-03 1305.tif');
    expect(receivedFaxMail({ fileName: 'x.tiff' }, berlin).attachmentName).toBe('Fax from unknown sender.tiff');
  });

  it('lists what is known in the text body', () => {
    const { text } = receivedFaxMail(fax, berlin);
    expect(text).toContain('You have received a fax from +49 30 1234.');
    expect(text).toContain('Station ID (CSID): ACME Legal');
    expect(text).toContain('To (called number): +49 30 555');
    expect(text).toContain('Received: 2026-12-03 14:05');
    expect(text).toContain('Pages: 3');
    expect(text).toContain('attached as "Fax from +49 30 1234 2026-12-03 1405.pdf"');
  });

  it('escapes everything in the HTML', () => {
    const { html } = receivedFaxMail({ ...fax, from: undefined, csid: '<script>alert("x")</script> & Co' }, berlin);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
  });

  it('keeps CR/LF out of the subject and the attachment name, even from data that skipped the sidecar check', () => {
    const hostile = receivedFaxMail({ from: '+49\r\nBcc: everyone@example.com', fileName: 'a.pdf', receivedAt: 'garbage' }, berlin);
    expect(hostile.subject).not.toMatch(/[\r\n]/);
    expect(hostile.subject).toBe('Fax from +49 Bcc: everyone@example.com');
    expect(hostile.attachmentName).not.toMatch(/[\r\n/\\]/);
    expect(hostile.text).not.toContain('\r');
  });

  it('limits the length of header values', () => {
    const long = receivedFaxMail({ csid: 'W'.repeat(5000), pages: 2, fileName: 'a.pdf' }, berlin);
    expect(long.subject.length).toBeLessThanOrEqual(200);
    expect(long.subject.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(long.attachmentName)).toBeLessThanOrEqual(120);
    expect(long.attachmentName.endsWith('.pdf')).toBe(true);
  });

  it('works on what the sidecar parser returns', () => {
    const sidecar = parseReceivedSidecar('{"from": "+49 30 1234", "pages": 1}');
    if (!sidecar.ok) throw new Error(sidecar.reason);
    expect(receivedFaxMail({ ...sidecar.value, fileName: 'a.pdf' }).subject).toBe('Fax from +49 30 1234 (1 page)');
  });
});

describe('sentNotificationMail', () => {
  const report = { jobId: '4711', to: '+49 30 1234', recipient: 'Müller GmbH', pages: 2, status: 'sent' as const, completedAt: '2026-12-03T13:05:00Z' };

  it('says in the subject whether the fax went through', () => {
    expect(sentNotificationMail(report, berlin).subject).toBe('Fax to Müller GmbH (+49 30 1234) sent');
    expect(sentNotificationMail({ ...report, status: 'failed', error: 'No carrier' }, berlin).subject).toBe('Fax to Müller GmbH (+49 30 1234) failed');
    expect(sentNotificationMail({ ...report, recipient: undefined }, berlin).subject).toBe('Fax to +49 30 1234 sent');
  });

  it('tells why a fax failed, and what to do', () => {
    const { text } = sentNotificationMail({ ...report, status: 'failed', error: 'Busy signal after 3 tries' }, berlin);
    expect(text).toContain('Your fax to Müller GmbH (+49 30 1234) could not be sent.');
    expect(text).toContain('Reason: Busy signal after 3 tries');
    expect(text).toContain('Gave up: 2026-12-03 14:05');
    expect(text).toContain('Please check the number');
    expect(sentNotificationMail({ ...report, status: 'failed' }, berlin).text).toContain('Reason: The fax line gave no reason.');
  });

  it('confirms a sent fax with its pages and job', () => {
    const { text } = sentNotificationMail(report, berlin);
    expect(text).toContain('Your fax to Müller GmbH (+49 30 1234) was sent.');
    expect(text).toContain('Pages: 2');
    expect(text).toContain('Sent: 2026-12-03 14:05');
    expect(text).toContain('Job: 4711');
    expect(text).not.toContain('Reason');
  });

  it('escapes the HTML and keeps CR/LF out of the subject', () => {
    const mail = sentNotificationMail({ ...report, recipient: 'A & B <b>\r\nBcc: x@example.com', status: 'failed', error: '<img src=x>' }, berlin);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('A &amp; B &lt;b&gt; Bcc: x@example.com');
    expect(mail.html).toContain('&lt;img src=x&gt;');
    expect(mail.html).not.toContain('<img');
  });
});

describe('headerValue', () => {
  it('makes one line of any value', () => {
    expect(headerValue('a\r\n\tb\u0000c\u2028d')).toBe('a b c d');
  });
});
