// The faxdesk command as a user runs it: preferences, send, run --until-idle to a real SMTP server, status, the lock.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPath } from '../../main/core/dataLock';
import { runCli, spawnCli } from '../support/cli';
import { SmtpSink } from '../support/smtpSink';
import { tempDir } from '../support/transports';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

async function folderWithSink(): Promise<string> {
  sink = new SmtpSink();
  const { port } = await sink.start();
  const dir = tempDir('faxdesk-cli-');
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ smtp: { host: '127.0.0.1', port }, mail: { from: 'fax@example.com' }, delivery: { retryMinSeconds: 1, retryMaxSeconds: 1 } }),
  );
  return dir;
}

describe('faxdesk prefs', () => {
  it('refuses a bad value with a one-line reason naming the key, and changes nothing', async () => {
    const dir = tempDir('faxdesk-cli-');
    const result = await runCli(['prefs', 'set', 'smtp.port', '70000', '--data', dir]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('faxdesk prefs: smtp.port must be a port number from 1 to 65535');
    expect((await runCli(['prefs', 'get', 'smtp.port', '--data', dir])).stdout).toBe('25\n');
  });

  it('parses VALUE as JSON when it is JSON, else as text, and prints values as JSON', async () => {
    const dir = tempDir('faxdesk-cli-');
    expect((await runCli(['prefs', 'set', 'smtp.host', 'mail.example.com', '--data', dir])).code).toBe(0);
    expect((await runCli(['prefs', 'set', 'inbox.deliverTo', '["ann@example.com"]', '--data', dir])).code).toBe(0);
    expect((await runCli(['prefs', 'get', 'smtp.host', '--data', dir])).stdout).toBe('"mail.example.com"\n');
    expect(JSON.parse((await runCli(['prefs', 'get', 'inbox.deliverTo', '--data', dir])).stdout)).toEqual(['ann@example.com']);
    const list = await runCli(['prefs', 'list', '--data', dir]);
    expect(list.stdout).toContain('delivery.treatDroppedQuitAsDelivered = true\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toMatchObject({ smtp: { host: 'mail.example.com' } });
  });

  it('takes VALUE as text for a key that holds text, so digits or true stay a string; a JSON string literal is its string', async () => {
    const dir = tempDir('faxdesk-cli-');
    const set = (key: string, value: string) => runCli(['prefs', 'set', key, value, '--data', dir], { FAXDESK_SMTP_PASSWORD: '' });
    expect(await set('smtp.username', '123456')).toMatchObject({ code: 0, stdout: 'smtp.username = "123456"\n' });
    expect((await set('smtp.password', 'true')).code).toBe(0);
    expect((await set('spool.dir', '"/var/spool/fax"')).code).toBe(0);
    expect((await set('smtp.security', '"tls"')).code).toBe(0);
    // A key that holds a number still reads VALUE as JSON.
    expect((await set('smtp.port', '2525')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      smtp: { username: '123456', password: 'true', security: 'tls', port: 2525 },
      spool: { dir: '/var/spool/fax' },
    });
  });

  it('warns on stderr that a password set here is readable in config.json, and names the ways to keep it out', async () => {
    const dir = tempDir('faxdesk-cli-');
    const result = await runCli(['prefs', 'set', 'smtp.password', 'hunter2', '--data', dir], { FAXDESK_SMTP_PASSWORD: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`stored readable in ${path.join(dir, 'config.json')}`);
    expect(result.stderr).toContain('FAXDESK_SMTP_PASSWORD');
    expect(result.stderr).toContain('smtp.passwordFile');
    expect(result.stderr).not.toContain('hunter2');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ smtp: { password: 'hunter2' } });
    const overridden = await runCli(['prefs', 'set', 'smtp.password', 'hunter3', '--data', dir], { FAXDESK_SMTP_PASSWORD: 'from-env' });
    expect(overridden.stderr).toContain('FAXDESK_SMTP_PASSWORD is set, so faxdesk uses that password, not this one.');
    // Clearing it leaves no password in the file: no warning.
    const cleared = await runCli(['prefs', 'set', 'smtp.password', '', '--data', dir], { FAXDESK_SMTP_PASSWORD: '' });
    expect(cleared).toMatchObject({ code: 0, stderr: 'Password removed from config.json.\n' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ smtp: {} });
  });
});

describe('faxdesk send, run and status', () => {
  it('delivers a message with its attachment to the server once, and reports it in status --json', async () => {
    const dir = await folderWithSink();
    const attachment = path.join(dir, 'fax.pdf');
    fs.writeFileSync(attachment, Buffer.alloc(20_000, 1));
    const sent = await runCli(['send', '--to', 'ann@example.com', '--to', 'bob@example.com', '--subject', 'Fax from +49 30 1234', '--text', 'See attached.', '--attach', attachment, '--data', dir]);
    expect(sent.code).toBe(0);
    const id = sent.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const run = await runCli(['run', '--until-idle', '--data', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(sink!.messages).toHaveLength(1);
    expect(sink!.messages[0]!.envelope).toEqual({ from: 'fax@example.com', to: ['ann@example.com', 'bob@example.com'] });
    expect(sink!.messages[0]!.raw.toString()).toContain('filename=fax.pdf');

    const status = JSON.parse((await runCli(['status', '--json', '--data', dir])).stdout) as { messages: Array<Record<string, unknown>> };
    expect(status.messages).toHaveLength(1);
    const message = status.messages[0]!;
    expect(message).toMatchObject({
      id,
      kind: 'manual',
      state: 'delivered',
      to: ['ann@example.com', 'bob@example.com'],
      subject: 'Fax from +49 30 1234',
      messageId: sink!.messages[0]!.messageId,
      possibleDuplicate: false,
    });
    const [attempt] = message.attempts as Array<Record<string, unknown>>;
    expect(attempt).toMatchObject({ outcome: 'delivered', startedAt: expect.any(String), endedAt: expect.any(String), phase: expect.any(String) });
    expect(attempt!.replies).toEqual(expect.arrayContaining([expect.stringMatching(/^250 2\.0\.0 Ok: queued as SINK1/), expect.stringMatching(/^221/)]));
  });

  it('refuses a header-injecting subject with a one-line reason', async () => {
    const dir = tempDir('faxdesk-cli-');
    const result = await runCli(['send', '--to', 'ann@example.com', '--subject', 'Hi\r\nBcc: all@example.com', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('faxdesk send: The subject contains a carriage return (CR), which could forge mail headers; it was refused.');
  });

  it('refuses a second run on the same folder naming the first, while status still works', async () => {
    const dir = await folderWithSink();
    const first = spawnCli(['run', '--data', dir]);
    try {
      await expect.poll(() => fs.existsSync(lockPath(dir)), { timeout: 15_000 }).toBe(true);
      const second = await runCli(['run', '--until-idle', '--data', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`^faxdesk run: faxdesk run \\(pid ${first.pid}, since .*\\) is already using the data folder`));
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      const status = await runCli(['status', '--data', dir]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('Engine: faxdesk run, since');
    } finally {
      first.kill('SIGTERM');
      expect((await first.output).code).toBe(0);
    }
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('says so when --data names no data folder, instead of making an empty one', async () => {
    const missing = path.join(tempDir(), 'typo');
    for (const args of [['status', '--json'], ['retry', 'abc']]) {
      const result = await runCli([...args, '--data', missing]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`faxdesk ${args[0]}: There is no faxdesk data folder at ${missing}: check --data (or FAXDESK_DATA), or start faxdesk there first.`);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('takes over the lock a killed engine left behind', async () => {
    const dir = await folderWithSink();
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 7, holder: 'faxdesk run (killed)', startedAt: '2026-01-01T00:00:00Z', hostname: (await import('node:os')).hostname() }));
    await runCli(['send', '--to', 'ann@example.com', '--subject', 'After a crash', '--data', dir]);
    const run = await runCli(['run', '--until-idle', '--data', dir]);
    expect(run.code).toBe(0);
    expect(sink!.messages).toHaveLength(1);
  });
});
