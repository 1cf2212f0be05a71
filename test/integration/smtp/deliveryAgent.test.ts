// The delivery agent end to end against a real smtp-server: AUTH and secrets, TLS, the message file, sessions with several messages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { createMemoryLogger, silentLogger } from '../../../main/core/logger';
import { DeliveryAgent } from '../../../main/core/smtp/deliveryAgent';
import type { OutgoingMessage, SmtpSettings } from '../../../main/core/smtp/types';
import { recordingHooks, testSettings, writeEml } from '../../support/eml';
import { FaultProxy, type Fault } from '../../support/faultProxy';
import { SmtpSink, type SmtpSinkOptions } from '../../support/smtpSink';
import { testCert } from '../../support/tlsCert';

const PASSWORD = 'Tr0ub4dor&3-very-secret';
let dir: string;
let sink: SmtpSink | undefined;
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-agent-'));
});

afterEach(async () => {
  await proxy?.close();
  await sink?.close();
  proxy = undefined;
  sink = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startSink(options: SmtpSinkOptions = {}, fault?: Fault): Promise<number> {
  sink = new SmtpSink(options);
  const { port } = await sink.start();
  if (!fault) return port;
  proxy = new FaultProxy({ host: '127.0.0.1', port }, fault);
  return (await proxy.start()).port;
}

async function messages(count: number): Promise<OutgoingMessage[]> {
  const list: OutgoingMessage[] = [];
  for (let i = 1; i <= count; i++) {
    const emlPath = await writeEml(dir, { messageId: `<fax-${i}@faxdesk.test>` });
    list.push({ id: `m${i}`, from: 'fax@example.com', to: ['anna@example.com'], emlPath });
  }
  return list;
}

function agent(logger = silentLogger): DeliveryAgent {
  return new DeliveryAgent({ clock: systemClock, logger });
}

describe('AUTH and secrets', () => {
  it('logs in, delivers, and never puts the password or the credentials in the transcript or the logs', async () => {
    const port = await startSink({ auth: { user: 'fax', pass: PASSWORD } });
    const logger = createMemoryLogger();
    const [result] = await agent(logger).deliver(testSettings(port, { username: 'fax', password: PASSWORD }), await messages(1), recordingHooks(), {
      reuseSession: false,
    });
    expect(result!.outcome).toBe('delivered');
    expect(sink!.messages[0]!.user).toBe('fax');
    const lines = result!.transcript.map((l) => `${l.dir} ${l.text}`);
    expect(lines).toContain('C AUTH PLAIN ****');
    const everything = JSON.stringify(result) + JSON.stringify(logger.entries);
    const plain = Buffer.from(`\u0000fax\u0000${PASSWORD}`).toString('base64');
    for (const secret of [PASSWORD, plain, Buffer.from(PASSWORD).toString('base64')]) expect(everything).not.toContain(secret);
    // The message content stays out too; only its size is recorded.
    expect(everything).not.toContain('A fax arrived.');
    expect(lines.some((l) => /^C <message: \d+ bytes>$/.test(l))).toBe(true);
  });

  it('535 to AUTH → permanent at auth, nothing sent', async () => {
    const port = await startSink({ auth: { user: 'fax', pass: PASSWORD } });
    const [result] = await agent().deliver(testSettings(port, { username: 'fax', password: 'wrong' }), await messages(1), recordingHooks(), {
      reuseSession: false,
    });
    expect(result).toMatchObject({ outcome: 'permanent', phase: 'auth', error: { code: 'EAUTH', reply: '535 5.7.8 Authentication credentials invalid' } });
    expect(sink!.messages).toHaveLength(0);
    expect(JSON.stringify(result)).not.toContain('wrong');
  });

  it('a drop at AUTH → temporary at auth (proxy)', async () => {
    const port = await startSink({ auth: { user: 'fax', pass: PASSWORD } }, { at: 'auth', action: { kind: 'drop' } });
    const [result] = await agent().deliver(testSettings(port, { username: 'fax', password: PASSWORD }), await messages(1), recordingHooks(), {
      reuseSession: false,
    });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'auth' });
    expect(result!.transcript.at(-2)?.text).toBe('AUTH PLAIN ****');
  });
});

describe('TLS', () => {
  const ca = () => testCert().cert;

  it('STARTTLS with the test CA → delivered over TLS', async () => {
    const port = await startSink({ tls: 'starttls', auth: { user: 'fax', pass: PASSWORD } });
    const settings: SmtpSettings = testSettings(port, { security: 'starttls', ca: ca(), username: 'fax', password: PASSWORD });
    const [result] = await agent().deliver(settings, await messages(1), recordingHooks(), { reuseSession: false });
    expect(result!.outcome).toBe('delivered');
    expect(sink!.messages[0]!.secure).toBe(true);
    const texts = result!.transcript.map((l) => l.text);
    expect(texts.indexOf('STARTTLS')).toBeLessThan(texts.findIndex((t) => t.startsWith('TLS established: TLSv1.3')));
    expect(texts.findIndex((t) => t.startsWith('TLS established'))).toBeLessThan(texts.indexOf('AUTH PLAIN ****'));
  });

  it('STARTTLS required but not offered → temporary ETLS, no AUTH and no MAIL in clear text', async () => {
    const port = await startSink({ auth: { user: 'fax', pass: PASSWORD } });
    const settings = testSettings(port, { security: 'starttls', ca: ca(), username: 'fax', password: PASSWORD });
    const [result] = await agent().deliver(settings, await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'starttls', error: { code: 'ETLS' } });
    expect(result!.error!.message).toMatch(/does not offer STARTTLS/);
    const texts = result!.transcript.map((l) => l.text);
    expect(texts.some((t) => t.startsWith('AUTH') || t.startsWith('MAIL'))).toBe(false);
    expect(sink!.messages).toHaveLength(0);
  });

  it('a self-signed certificate without the CA is refused (certificate checks on by default) → temporary ETLS', async () => {
    const port = await startSink({ tls: 'starttls' });
    const [result] = await agent().deliver(testSettings(port, { security: 'starttls' }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'starttls', error: { code: 'ETLS' } });
    expect(sink!.messages).toHaveLength(0);
  });

  it('implicit TLS → delivered', async () => {
    const port = await startSink({ tls: 'implicit' });
    const [result] = await agent().deliver(testSettings(port, { security: 'tls', ca: ca() }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result!.outcome).toBe('delivered');
    expect(sink!.messages[0]!.secure).toBe(true);
  });

  it('drop at STARTTLS → temporary; 454 to STARTTLS → temporary ETLS (proxy)', async () => {
    let port = await startSink({ tls: 'starttls' }, { at: 'starttls', action: { kind: 'drop' } });
    let [result] = await agent().deliver(testSettings(port, { security: 'starttls', ca: ca() }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'starttls' });
    await proxy!.close();
    await sink!.close();
    port = await startSink({ tls: 'starttls' }, { at: 'starttls', action: { kind: 'reply', reply: '454 4.7.0 TLS not available' } });
    [result] = await agent().deliver(testSettings(port, { security: 'starttls', ca: ca() }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'starttls', error: { code: 'ETLS' } });
  });

  // After the handshake the proxy sees only ciphertext, so these faults come from smtp-server's own handlers.
  it('after STARTTLS: 550 to MAIL → permanent; 451 to the final dot → temporary (smtp-server handlers)', async () => {
    let port = await startSink({ tls: 'starttls', rejectMail: { code: 550, message: '5.7.1 sender refused' } });
    let [result] = await agent().deliver(testSettings(port, { security: 'starttls', ca: ca() }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'permanent', phase: 'mail' });
    await sink!.close();
    port = await startSink({ tls: 'starttls', rejectData: { code: 451, message: '4.3.0 try later' } });
    [result] = await agent().deliver(testSettings(port, { security: 'starttls', ca: ca() }), await messages(1), recordingHooks(), { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'dot-sent', dotSent: true });
    expect(sink!.messages).toHaveLength(0);
  });
});

describe('the message file', () => {
  it('a missing .eml → permanent EMESSAGE, and the server is never contacted', async () => {
    const port = await startSink();
    const [result] = await agent().deliver(
      testSettings(port),
      [{ id: 'gone', from: 'fax@example.com', to: ['anna@example.com'], emlPath: join(dir, 'gone.eml') }],
      recordingHooks(),
      { reuseSession: false },
    );
    expect(result).toMatchObject({ outcome: 'permanent', error: { code: 'EMESSAGE' } });
    expect(result!.error!.message).toMatch(/gone\.eml does not exist/);
    expect(sink!.sessions.size).toBe(0);
  });

  it('a failing onDotSent holds the dot back: temporary, and the server has no copy', async () => {
    const port = await startSink();
    const [result] = await agent().deliver(
      testSettings(port),
      await messages(1),
      {
        onDotSent: () => {
          throw new Error('disk full');
        },
        onCommit: () => undefined,
      },
      { reuseSession: false },
    );
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'message', dotSent: false, error: { code: 'EHOOK' } });
    expect(sink!.messages).toHaveLength(0);
  });

  it('a slow dot mark holds the dot back until it is stored, however early it was started', async () => {
    const port = await startSink();
    let serverHadAtStore = -1;
    const hooks = {
      // A slow disk: the mark takes 300 ms to be stored. The server must not have the message before then.
      onDotSent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        serverHadAtStore = sink!.messages.length;
      },
      onCommit: () => undefined,
    };
    const [result] = await agent().deliver(testSettings(port), await messages(1), hooks, { reuseSession: false });
    expect(result).toMatchObject({ outcome: 'delivered', dotSent: true });
    expect(serverHadAtStore).toBe(0);
    expect(sink!.messages).toHaveLength(1);
  });

  it('waits finalDotMs, not commandMs, for the reply to the final dot (RFC 5321 4.5.3.2)', async () => {
    const port = await startSink({ dataReplyDelayMs: 700 });
    const settings = testSettings(port, { timeouts: { connectMs: 1000, greetingMs: 300, commandMs: 300, finalDotMs: 2000, quitMs: 300 } });
    const [result] = await agent().deliver(settings, await messages(1), recordingHooks(), { reuseSession: false });
    expect(result!.outcome).toBe('delivered');
  });

  it('streams a large message (8 MB) and the server gets it byte for byte', async () => {
    const port = await startSink();
    const emlPath = await writeEml(dir, { messageId: '<big@faxdesk.test>', bodyBytes: 8_000_000 });
    const [result] = await agent().deliver(testSettings(port), [{ id: 'big', from: 'fax@example.com', to: ['anna@example.com'], emlPath }], recordingHooks(), {
      reuseSession: false,
    });
    expect(result!.outcome).toBe('delivered');
    const { readFile } = await import('node:fs/promises');
    expect(sink!.messages[0]!.raw.equals(await readFile(emlPath))).toBe(true);
  });
});

describe('several messages in one session (reuseSession)', () => {
  it('sends 3 messages over one connection with RSET between, each delivered', async () => {
    const port = await startSink();
    const hooks = recordingHooks();
    const results = await agent().deliver(testSettings(port), await messages(3), hooks, { reuseSession: true });
    expect(results.map((r) => [r.messageId, r.outcome])).toEqual([
      ['m1', 'delivered'],
      ['m2', 'delivered'],
      ['m3', 'delivered'],
    ]);
    expect(sink!.messages).toHaveLength(3);
    expect(new Set(sink!.messages.map((m) => m.sessionId)).size).toBe(1);
    expect(sink!.sessions.size).toBe(1);
    expect(hooks.events.filter((e) => e.startsWith('commit'))).toHaveLength(3);
    expect(results[1]!.transcript.map((l) => l.text)).toContain('RSET');
    expect(results[0]!.transcript.at(-1)?.text).toBe('221 Bye');
  });

  it('goes on to the next message while a commit point is written, and sends QUIT only once every one is stored', async () => {
    const port = await startSink();
    const stored: Array<{ id: string; at: number; sinkHad: number }> = [];
    const hooks = {
      onDotSent: () => undefined,
      // A slow disk: each commit point is stored only once the server holds all three messages (or after 2 s, which
      // would mean the agent waited for this write before the next message).
      onCommit: async (id: string) => {
        const deadline = Date.now() + 2000;
        while (sink!.messages.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored.push({ id, at: Date.now(), sinkHad: sink!.messages.length });
      },
    };
    const results = await agent().deliver(testSettings(port), await messages(3), hooks, { reuseSession: true });
    expect(results.map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(stored.map((s) => [s.id, s.sinkHad]).sort()).toEqual([
      ['m1', 3],
      ['m2', 3],
      ['m3', 3],
    ]);
    const quit = results[2]!.transcript.find((line) => line.text === 'QUIT')!;
    expect(Date.parse(quit.at)).toBeGreaterThanOrEqual(Math.max(...stored.map((s) => s.at)));
  });

  it('a session broken after the 2nd message returns results for the two that started only', async () => {
    const port = await startSink({}, { at: 'rset', action: { kind: 'drop' }, occurrence: 2 });
    const results = await agent().deliver(testSettings(port), await messages(3), recordingHooks(), { reuseSession: true });
    expect(results.map((r) => [r.messageId, r.outcome])).toEqual([
      ['m1', 'accepted-quit-dropped'],
      ['m2', 'accepted-quit-dropped'],
    ]);
    expect(sink!.messages).toHaveLength(2);
  });

  it('a drop at the 3rd MAIL: the 3rd started, so it is temporary; the first two stay accepted', async () => {
    const port = await startSink({}, { at: 'mail', action: { kind: 'drop' }, occurrence: 3 });
    const results = await agent().deliver(testSettings(port), await messages(3), recordingHooks(), { reuseSession: true });
    expect(results.map((r) => [r.messageId, r.outcome, r.phase])).toEqual([
      ['m1', 'accepted-quit-dropped', 'accepted'],
      ['m2', 'accepted-quit-dropped', 'accepted'],
      ['m3', 'temporary', 'mail'],
    ]);
    expect(sink!.messages).toHaveLength(2);
  });

  it('a refused message does not end the session: the next one still goes', async () => {
    const port = await startSink({ rejectRecipients: { 'gone@example.com': { code: 550, message: '5.1.1 no such user' } } });
    const [first, second] = await messages(2);
    const results = await agent().deliver(testSettings(port), [{ ...first!, to: ['gone@example.com'] }, second!], recordingHooks(), { reuseSession: true });
    expect(results.map((r) => r.outcome)).toEqual(['permanent', 'delivered']);
    expect(sink!.messages).toHaveLength(1);
  });
});
