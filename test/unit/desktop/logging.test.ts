// The log file: one JSON object a line, never a password or fax content.
import { describe, expect, it, vi } from 'vitest';
import { createFileLogger, redactFields } from '../../../main/desktop/logging';
import { fakeLog } from './support/fakeElectron';

vi.mock('electron-log/main', async () => ({ default: (await import('./support/fakeElectron')).fakeLog }));

describe('the desktop log', () => {
  it('drops secrets and content, keeps ids', () => {
    const fields = redactFields({
      component: 'outbox',
      messageId: '<m1@faxdesk>',
      password: 'hunter2',
      smtpPassword: 'hunter2',
      'smtp.password': 'hunter2',
      token: 'abc',
      base64: 'JVBERi0xLjQ=',
      fileContent: 'pages',
      contentType: 'application/pdf',
      nested: { authorization: 'Basic xyz', attempt: 2 },
      image: Buffer.from('TIFF'),
      transcript: ['C: EHLO faxdesk', 'C: AUTH PLAIN AGFubgBodW50ZXIy', 'S: 235 ok'],
    });
    expect(fields).toEqual({
      component: 'outbox',
      messageId: '<m1@faxdesk>',
      password: '[redacted]',
      smtpPassword: '[redacted]',
      'smtp.password': '[redacted]',
      token: '[redacted]',
      base64: '[omitted]',
      fileContent: '[omitted]',
      contentType: 'application/pdf',
      nested: { authorization: '[redacted]', attempt: 2 },
      image: '[omitted]',
      transcript: ['C: EHLO faxdesk', 'C: AUTH PLAIN [redacted]', 'S: 235 ok'],
    });
    expect(JSON.stringify(fields)).not.toContain('hunter2');
    expect(redactFields({ data: Buffer.alloc(50 * 1024 * 1024) }).data).toBe('[52428800 bytes]');
  });

  it('writes one JSON line per entry through electron-log, with child fields', () => {
    const logger = createFileLogger({ minLevel: 'info' });
    fakeLog.lines = [];
    logger.child({ component: 'outbox' }).log('warn', { component: 'outbox', messageId: 'm1', password: 'hunter2' }, 'retrying');
    expect(fakeLog.lines).toHaveLength(1);
    expect(fakeLog.lines[0]!.level).toBe('warn');
    expect(JSON.parse(fakeLog.lines[0]!.text)).toMatchObject({ level: 'warn', msg: 'retrying', component: 'outbox', messageId: 'm1', password: '[redacted]' });
    expect(fakeLog.transports.file).toMatchObject({ level: 'info', format: '{text}', maxSize: 5 * 1024 * 1024 });
    expect(logger.filePath).toBe('/tmp/faxdesk-test/main.log');
  });
});
