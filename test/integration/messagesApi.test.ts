// The outbox and preferences over the real contract (Electron bridge in memory): what the window calls and sees.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineState } from '../../shared/contract';
import type { MessagesChange } from '../../main/core/outbox/outboxQueue';
import { SmtpSink } from '../support/smtpSink';
import { closedPort, electronFixture, type TransportFixture } from '../support/transports';

let fixture: TransportFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('messages and prefs over the contract', () => {
  it('sends a test message to the built-in mailbox, pushes the change and pages the history', async () => {
    fixture = await electronFixture();
    const changes: MessagesChange[] = [];
    fixture.api.messages.onDidChange((change) => changes.push(change));
    const sent = await fixture.api.messages.sendTest({ to: 'ann@example.com' });
    expect(sent).toMatchObject({ ok: true, value: { kind: 'manual', to: ['ann@example.com'] } });
    const id = sent.ok ? sent.value.id : '';
    await fixture.engine.outbox.whenIdle();
    await expect.poll(() => changes.at(-1)?.counts.delivered).toBe(1);
    const page = await fixture.api.messages.list({ limit: 10 });
    expect(page).toMatchObject({ ok: true, value: { total: 1, nextCursor: null, items: [{ id, state: 'delivered' }] } });
    const detail = await fixture.api.messages.get({ id });
    expect(detail.ok && detail.value.attemptList[0]?.outcome).toBe('delivered');
    const mailbox = await fixture.api.mailbox.list({ limit: 10 });
    expect(mailbox.ok && mailbox.value.items.map((item) => item.subject)).toEqual(['faxdesk test message']);
    expect(await fixture.api.messages.cancel({ id })).toMatchObject({ ok: false, error: { code: 'E_INVALID_STATE' } });
    expect(await fixture.api.messages.retry({ id: 'nope' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('refuses a bad preference naming the key, and never returns the password', async () => {
    fixture = await electronFixture();
    expect(await fixture.api.prefs.set({ values: { 'smtp.port': 70000 } })).toEqual({
      ok: false,
      error: { code: 'E_INVALID_PREFERENCE', message: 'smtp.port must be a port number from 1 to 65535' },
    });
    expect(await fixture.api.prefs.set({ values: { 'smtp.host': 'mail.example.com', 'smtp.passwordFile': '/etc/shadow' } })).toMatchObject({
      ok: false,
      error: { code: 'E_INVALID_PREFERENCE', message: expect.stringMatching(/^smtp\.passwordFile can be set only with the faxdesk command/) },
    });
    expect(fixture.engine.prefs.get('smtp.host')).toBe('local');
    const seen: boolean[] = [];
    fixture.api.prefs.onDidChange((view) => seen.push(view.passwordSet));
    const set = await fixture.api.prefs.set({ values: { 'smtp.password': 'hunter22', 'delivery.connections': 3 } });
    expect(set).toMatchObject({ ok: true, value: { values: { 'smtp.password': '', 'delivery.connections': 3 }, passwordSet: true } });
    expect(JSON.stringify(await fixture.api.prefs.get())).not.toContain('hunter22');
    await expect.poll(() => seen).toEqual([true]);
  });

  it('says the server is unreachable while it refuses connections, and stops saying so once it answers', async () => {
    fixture = await electronFixture();
    const port = await closedPort();
    const states: EngineState[] = [];
    fixture.api.app.onDidChangeState((state) => states.push(state));
    expect(await fixture.api.prefs.set({ values: { 'smtp.host': '127.0.0.1', 'smtp.port': port, 'delivery.retryMinSeconds': 3600, 'delivery.retryMaxSeconds': 7200 } })).toMatchObject({ ok: true });
    const sent = await fixture.api.messages.sendTest({ to: 'ann@example.com' });
    const id = sent.ok ? sent.value.id : '';
    await expect.poll(async () => (await fixture!.api.messages.get({ id })).ok && fixture!.engine.state.unreachable).toBe(
      `127.0.0.1:${port} did not answer (ECONNREFUSED)`,
    );
    const info = await fixture.api.app.info();
    expect(info.ok && info.value.engine).toMatchObject({ status: 'running', unreachable: `127.0.0.1:${port} did not answer (ECONNREFUSED)` });
    expect(info.ok && info.value.engine.detail).toMatch(/^Server unreachable: 127\.0\.0\.1:\d+ did not answer \(ECONNREFUSED\); next retry at \d\d:\d\d UTC$/);
    expect(states.some((state) => state.unreachable !== null)).toBe(true);

    // The server is there now: new settings clear the warning, and "Retry now" delivers.
    const sink = new SmtpSink();
    try {
      const { port: livePort } = await sink.start();
      await fixture.api.prefs.set({ values: { 'smtp.port': livePort } });
      expect(await fixture.api.messages.retry({ id })).toMatchObject({ ok: true });
      await expect.poll(() => sink.messages.length).toBe(1);
      await fixture.engine.outbox.whenIdle();
      expect(fixture.engine.state).toMatchObject({ status: 'running', unreachable: null, detail: 'Ready' });
    } finally {
      await sink.close();
    }
  });
});
