import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Script } from '../../support/fakeAgent';
import { createHarness, type Harness } from '../../support/outboxHarness';

let h: Harness;
let restarted: Harness | undefined;
afterEach(() => {
  restarted?.close();
  restarted = undefined;
  h?.close();
});

const minute = 60_000;

describe('the outbox queue', () => {
  it('delivers a queued message once and records the attempt with its commit reply', async () => {
    h = createHarness();
    h.queue.start();
    const message = await h.send();
    await h.settle();
    expect(h.agent.accepted.get(message.id)).toBe(1);
    const detail = h.detail(message.id);
    expect(detail).toMatchObject({ state: 'delivered', attempts: 1, possibleDuplicate: false, reason: null });
    expect(detail.recipients).toEqual([{ address: 'ann@example.com', state: 'accepted', lastReply: '250 2.1.5 Ok' }]);
    expect(detail.attemptList).toHaveLength(1);
    expect(detail.attemptList[0]).toMatchObject({ outcome: 'delivered', commitReply: '250 2.0.0 Ok: queued as Q1', quitReply: '221 2.0.0 Bye' });
    expect(detail.attemptList[0]!.explanation).toMatch(/accepted the message/);
  });

  it('stores the commit point before the agent goes on to QUIT', async () => {
    h = createHarness();
    const seen: Array<string | null> = [];
    h.agent.afterCommit = (id) => seen.push(h.row('SELECT commit_reply FROM messages WHERE id = ?', id)?.commit_reply as string);
    h.queue.start();
    await h.send();
    await h.settle();
    expect(seen).toEqual(['250 2.0.0 Ok: queued as Q1']);
  });

  it('waits between the backoff bounds before retrying a temporary failure, without sleeping', async () => {
    h = createHarness({ prefs: { 'delivery.retryMinSeconds': 60, 'delivery.retryMaxSeconds': 3600 } });
    h.agent.script = (_m, attempt) => (attempt === 1 ? 'temporary' : 'delivered');
    h.queue.start();
    const message = await h.send();
    await h.settle();
    const waiting = h.repository.summary(message.id);
    expect(waiting.state).toBe('retry-wait');
    // First retry: between retryMinSeconds and twice that (random 0.5 gives the middle: 90 s).
    expect(Date.parse(waiting.nextAttemptAt!) - h.clock.now()).toBe(90_000);
    expect(waiting.reason).toMatch(/451 4\.3\.0 Try later/);
    await h.advance(89_000);
    expect(h.agent.attemptsOf(message.id)).toBe(1);
    await h.advance(1_000);
    expect(h.state(message.id)).toBe('delivered');
    expect(h.detail(message.id).attemptList.map((a) => a.outcome)).toEqual(['temporary', 'delivered']);
  });

  it('fails a message after delivery.maxAttempts temporary failures, saying why', async () => {
    h = createHarness({ prefs: { 'delivery.maxAttempts': 3, 'delivery.retryMinSeconds': 1, 'delivery.retryMaxSeconds': 10 } });
    h.agent.script = () => 'temporary';
    h.queue.start();
    const message = await h.send();
    await h.settle();
    for (let i = 0; i < 5; i++) await h.advance(minute);
    const summary = h.repository.summary(message.id);
    expect(summary).toMatchObject({ state: 'failed', attempts: 3 });
    expect(summary.reason).toMatch(/after 3 attempts \(delivery\.maxAttempts is 3\)/);
    expect(h.detail(message.id).recipients[0]).toMatchObject({ state: 'failed' });
  });

  it('fails a message that has waited longer than delivery.maxAgeHours', async () => {
    h = createHarness({ prefs: { 'delivery.maxAgeHours': 1, 'delivery.retryMinSeconds': 1800, 'delivery.retryMaxSeconds': 1800 } });
    h.agent.script = () => 'temporary';
    h.queue.start();
    const message = await h.send();
    await h.settle();
    await h.advance(30 * minute);
    expect(h.state(message.id)).toBe('retry-wait');
    await h.advance(30 * minute);
    expect(h.repository.summary(message.id).reason).toMatch(/after 1 hours in the queue/);
    expect(h.state(message.id)).toBe('failed');
  });

  it('fails a permanent refusal at once, with no retry', async () => {
    h = createHarness();
    h.agent.script = () => 'permanent';
    h.queue.start();
    const message = await h.send();
    await h.settle();
    await h.advance(24 * 60 * minute);
    expect(h.repository.summary(message.id)).toMatchObject({ state: 'failed', attempts: 1, reason: 'Refused: 554 5.7.1 Refused.' });
  });

  it('treats a dropped QUIT as delivered when the setting is on, and sends again flagged when it is off', async () => {
    h = createHarness({ prefs: { 'delivery.treatDroppedQuitAsDelivered': true } });
    h.agent.script = () => 'dropped-quit';
    h.queue.start();
    const tolerant = await h.send();
    await h.settle();
    expect(h.repository.summary(tolerant.id)).toMatchObject({ state: 'delivered', possibleDuplicate: false });
    expect(h.detail(tolerant.id).attemptList[0]!.explanation).toMatch(/Counted as delivered/);

    h.prefs.set({ 'delivery.treatDroppedQuitAsDelivered': false });
    h.agent.script = (_m, attempt) => (attempt === 1 ? 'dropped-quit' : 'delivered');
    const strict = await h.send();
    await h.settle();
    const summary = h.repository.summary(strict.id);
    expect(summary).toMatchObject({ state: 'retry-wait', possibleDuplicate: true });
    expect(summary.reason).toMatch(/copies may have arrived/);
    expect(h.detail(strict.id).attemptList[0]!.explanation).toMatch(/copies may have arrived/);
    await h.advance(10 * minute);
    expect(h.state(strict.id)).toBe('delivered');
    expect(h.agent.accepted.get(strict.id)).toBe(2);
  });

  it('shares sessions only when a dropped QUIT counts as delivered', async () => {
    h = createHarness({ prefs: { 'delivery.connections': 1 } });
    h.queue.start();
    await Promise.all([h.send(), h.send(), h.send()]);
    await h.settle();
    expect(h.agent.calls.every((call) => call.reuseSession)).toBe(true);
    h.prefs.set({ 'delivery.treatDroppedQuitAsDelivered': false });
    h.agent.calls.length = 0;
    await Promise.all([h.send(), h.send()]);
    await h.settle();
    expect(h.agent.calls.map((call) => [call.reuseSession, call.messages.length])).toEqual([
      [false, 1],
      [false, 1],
    ]);
  });

  it('retries an uncertain delivery flagged as a possible duplicate, or holds it for review', async () => {
    h = createHarness();
    h.agent.script = (_m, attempt) => (attempt === 1 ? 'uncertain' : 'delivered');
    h.queue.start();
    const retried = await h.send();
    await h.settle();
    expect(h.repository.summary(retried.id)).toMatchObject({ state: 'retry-wait', possibleDuplicate: true });
    await h.advance(10 * minute);
    expect(h.repository.summary(retried.id)).toMatchObject({ state: 'delivered', possibleDuplicate: true });

    h.prefs.set({ 'delivery.holdUncertain': true });
    const held = await h.send();
    await h.settle();
    await h.advance(10 * minute);
    const summary = h.repository.summary(held.id);
    expect(summary).toMatchObject({ state: 'held', possibleDuplicate: true });
    expect(summary.reason).toMatch(/may have arrived/);
    h.queue.release(held.id);
    await h.settle();
    expect(h.repository.summary(held.id)).toMatchObject({ state: 'delivered', possibleDuplicate: true });
  });

  it('sends each recipient until accepted: 5xx ones fail, 4xx ones are retried alone, accepted ones never again', async () => {
    h = createHarness();
    h.agent.script = (_m, attempt) =>
      attempt === 1
        ? { recipients: { 'ann@example.com': 'accepted', 'bob@example.com': 'temporary', 'cy@example.com': 'permanent' } }
        : 'delivered';
    h.queue.start();
    const message = await h.send(['ann@example.com', 'bob@example.com', 'cy@example.com']);
    await h.settle();
    expect(h.repository.summary(message.id)).toMatchObject({ state: 'retry-wait', reason: 'Delivered to 1 recipient(s); 1 waiting for a retry.' });
    await h.advance(10 * minute);
    expect(h.agent.acceptedFor).toEqual([
      { id: message.id, to: ['ann@example.com'] },
      { id: message.id, to: ['bob@example.com'] },
    ]);
    const detail = h.detail(message.id);
    expect(detail.state).toBe('delivered');
    expect(detail.reason).toMatch(/Not delivered to cy@example.com \(550 5\.1\.1 No such user\)/);
    expect(detail.recipients.map((r) => [r.address, r.state])).toEqual([
      ['ann@example.com', 'accepted'],
      ['bob@example.com', 'accepted'],
      ['cy@example.com', 'failed'],
    ]);
  });

  it('runs at most delivery.connections sessions at once, and a failing message does not block the others', async () => {
    h = createHarness({ prefs: { 'delivery.connections': 2, 'delivery.treatDroppedQuitAsDelivered': false } });
    h.queue.start();
    const bad = await h.send(['bad@example.com']);
    h.agent.script = (message) => (message.to[0] === 'bad@example.com' ? 'temporary' : 'delivered');
    const good = await Promise.all(Array.from({ length: 6 }, () => h.send()));
    await h.settle();
    expect(h.agent.maxConcurrent).toBe(2);
    expect(good.map((m) => h.state(m.id))).toEqual(Array(6).fill('delivered'));
    expect(h.state(bad.id)).toBe('retry-wait');
  });

  it('cancels, retries now and refuses actions a state does not allow', async () => {
    h = createHarness();
    h.agent.script = () => 'temporary';
    h.queue.start();
    const message = await h.send();
    await h.settle();
    h.agent.script = () => 'delivered';
    expect(h.queue.retryNow(message.id).state).toBe('queued');
    await h.settle();
    expect(h.state(message.id)).toBe('delivered');
    expect(() => h.queue.cancel(message.id)).toThrow(/is delivered/);

    h.agent.script = () => 'permanent';
    const failed = await h.send();
    await h.settle();
    expect(h.state(failed.id)).toBe('failed');
    expect(h.queue.cancel(failed.id)).toMatchObject({ state: 'cancelled', reason: 'Cancelled by the user.' });
    expect(() => h.queue.retryNow(failed.id)).toThrow(/is cancelled/);
    expect(() => h.queue.release(failed.id)).toThrow(/is cancelled/);
    expect(() => h.queue.cancel('no-such-id')).toThrow(/There is no message no-such-id/);
  });

  it('gives a failed message a new attempt budget on "retry now", recipients included', async () => {
    h = createHarness({ prefs: { 'delivery.maxAttempts': 1 } });
    h.agent.script = () => 'temporary';
    h.queue.start();
    const message = await h.send();
    await h.settle();
    expect(h.state(message.id)).toBe('failed');
    h.agent.script = () => 'delivered';
    h.queue.retryNow(message.id);
    await h.settle();
    expect(h.repository.summary(message.id)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('holds messages while no server can be used, and sends them once one is configured', async () => {
    let configured = false;
    h = createHarness({
      target: () =>
        configured
          ? { ok: true, settings: { host: 'mail.example.com', port: 25, security: 'none', rejectUnauthorized: true, timeouts: { connectMs: 1, greetingMs: 1, commandMs: 1, finalDotMs: 1, quitMs: 1 } }, local: false, label: 'mail' }
          : { ok: false, reason: 'No SMTP server is set up: set smtp.host.' },
    });
    h.queue.start();
    const message = await h.send();
    await h.settle();
    expect(h.repository.summary(message.id)).toMatchObject({ state: 'held', reason: 'No SMTP server is set up: set smtp.host.' });
    expect(h.queue.activity().blocked).toMatch(/No SMTP server/);
    expect(h.agent.calls).toHaveLength(0);
    configured = true;
    h.prefs.set({ 'smtp.host': 'mail.example.com' });
    await h.settle();
    expect(h.state(message.id)).toBe('delivered');
  });

  it('fails a message whose .eml is missing or damaged with a reason, and keeps delivering the others', async () => {
    h = createHarness();
    h.queue.start();
    h.agent.script = () => 'temporary';
    const missing = await h.send();
    const damaged = await h.send();
    const fine = await h.send();
    await h.settle();
    fs.rmSync(path.join(h.dir, h.repository.emlPathOf(missing.id)));
    fs.appendFileSync(path.join(h.dir, h.repository.emlPathOf(damaged.id)), 'garbage');
    h.agent.script = () => 'delivered';
    await h.advance(10 * minute);
    expect(h.repository.summary(missing.id)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/is missing/) });
    expect(h.repository.summary(damaged.id)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/is damaged/) });
    expect(h.detail(missing.id).attemptList.at(-1)).toMatchObject({ outcome: 'permanent', error: { code: 'EMESSAGE' } });
    expect(h.state(fine.id)).toBe('delivered');
  });

  it('puts messages a broken shared session never started back in the queue without counting an attempt', async () => {
    h = createHarness({ prefs: { 'delivery.connections': 1 } });
    let broken = true;
    h.agent.script = (message) => {
      if (broken && message.to[0] === 'second@example.com') {
        broken = false;
        return 'not-started';
      }
      return 'delivered';
    };
    const first = await h.send(['first@example.com']);
    const second = await h.send(['second@example.com']);
    h.queue.start();
    await h.settle();
    expect(h.repository.summary(first.id)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(h.repository.summary(second.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('survives an agent that throws: the message is resolved from what was recorded', async () => {
    h = createHarness();
    h.agent.script = (_m, attempt) => (attempt === 1 ? 'throw' : 'delivered');
    h.queue.start();
    const message = await h.send();
    await h.settle();
    // The failed attempt counts (a bug must not make a hot loop) and is retried after the backoff.
    expect(h.repository.summary(message.id)).toMatchObject({ state: 'retry-wait', attempts: 1 });
    await h.advance(10 * minute);
    expect(h.state(message.id)).toBe('delivered');
    expect(h.detail(message.id).attemptList.map((a) => a.error?.code ?? a.outcome)).toEqual(['EAGENT', 'delivered']);
  });

  it('keeps passwords out of stored transcripts', async () => {
    h = createHarness({ prefs: { 'smtp.password': 'hunter22' } });
    h.agent.extraTranscript = ['AUTH PLAIN hunter22'];
    h.queue.start();
    const message = await h.send();
    await h.settle();
    expect(JSON.stringify(h.detail(message.id))).not.toContain('hunter22');
  });

  it('reports changed messages with the counts, once per batch', async () => {
    h = createHarness();
    const events: Array<{ ids: string[]; delivered: number }> = [];
    h.queue.onDidChangeMessages((change) => events.push({ ids: change.changed.map((m) => m.state), delivered: change.counts.delivered }));
    h.queue.start();
    await h.send();
    await h.settle();
    expect(events.at(-1)).toEqual({ ids: ['delivered'], delivered: 1 });
    expect(events.map((e) => e.ids.join())).toEqual(expect.arrayContaining(['sending', 'delivered']));
  });
});

describe('startup recovery', () => {
  async function crashAt(script: Script, prefs = {}, to?: string[]) {
    h = createHarness({ prefs });
    h.agent.script = () => script;
    h.queue.start();
    const message = await h.send(to);
    while (h.agent.hung === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(h.state(message.id)).toBe('sending');
    void h.queue.stop(0);
    restarted = h.restart();
    restarted.agent.script = () => 'delivered';
    restarted.queue.start();
    return message;
  }

  it('counts a stored commit as delivered, without sending again', async () => {
    const message = await crashAt('hang-after-commit');
    await restarted!.settle();
    expect(restarted!.repository.summary(message.id)).toMatchObject({ state: 'delivered', possibleDuplicate: false });
    expect(restarted!.agent.calls).toHaveLength(0);
    expect(restarted!.detail(message.id).attemptList[0]).toMatchObject({ outcome: 'accepted-quit-dropped', commitReply: '250 2.0.0 Ok: queued as Q1' });
  });

  it('after a crash past the commit, retries only the recipients the server refused for now', async () => {
    const to = ['ann@example.com', 'ben@example.com', 'cem@example.com'];
    const message = await crashAt({ recipients: { 'ben@example.com': 'temporary', 'cem@example.com': 'permanent' }, hangAfterCommit: true }, {}, to);
    await restarted!.settle();
    expect(restarted!.detail(message.id).recipients).toEqual([
      { address: 'ann@example.com', state: 'accepted', lastReply: '250 2.1.5 Ok' },
      { address: 'ben@example.com', state: 'pending', lastReply: '450 4.2.0 Mailbox busy' },
      { address: 'cem@example.com', state: 'failed', lastReply: '550 5.1.1 No such user' },
    ]);
    expect(restarted!.state(message.id)).toBe('retry-wait');
    await restarted!.advance(10 * minute);
    expect(restarted!.state(message.id)).toBe('delivered');
    // The second copy went to ben alone: ann already had hers, cem's address does not exist.
    expect(restarted!.agent.acceptedFor.map((copy) => copy.to)).toEqual([['ben@example.com']]);
  });

  it('in strict mode sends a committed-but-unconfirmed message again, flagged', async () => {
    const message = await crashAt('hang-after-commit', { 'delivery.treatDroppedQuitAsDelivered': false });
    await restarted!.settle();
    expect(restarted!.repository.summary(message.id)).toMatchObject({ state: 'retry-wait', possibleDuplicate: true });
  });

  it('treats a dot sent with no reply recorded as uncertain: retried and flagged, or held', async () => {
    const message = await crashAt('hang-after-dot');
    await restarted!.settle();
    expect(restarted!.repository.summary(message.id)).toMatchObject({ state: 'retry-wait', possibleDuplicate: true });
    expect(restarted!.detail(message.id).attemptList[0]).toMatchObject({ outcome: 'uncertain', phase: 'dot-sent' });
    await restarted!.advance(10 * minute);
    expect(restarted!.state(message.id)).toBe('delivered');

    restarted!.close();
    h.close();
    const held = await crashAt('hang-after-dot', { 'delivery.holdUncertain': true });
    await restarted!.settle();
    expect(restarted!.repository.summary(held.id)).toMatchObject({ state: 'held', possibleDuplicate: true });
  });

  it('takes an interrupted attempt off the count once, even when the recovery itself is stopped half-way', async () => {
    h = createHarness({ prefs: { 'delivery.maxAttempts': 2, 'delivery.retryMinSeconds': 60, 'delivery.retryMaxSeconds': 60 } });
    h.agent.script = () => 'hang-before-dot';
    h.queue.start();
    const message = await h.send();
    while (h.agent.hung === 0) await new Promise((resolve) => setImmediate(resolve));
    void h.queue.stop(0);
    // Killed again while resolving it at the next start: after the attempt was taken off the count, before it was closed.
    const halfway = h.restart();
    try {
      halfway.repository.finishAttempt = () => {
        throw new Error('killed');
      };
      expect(() => halfway.queue.start()).toThrow('killed');
    } finally {
      halfway.close();
    }
    restarted = h.restart();
    restarted.agent.script = () => 'temporary';
    restarted.queue.start();
    await restarted.settle();
    for (let i = 0; i < 5 && restarted.state(message.id) !== 'failed'; i++) await restarted.advance(60_000);
    // The interrupted attempt, then delivery.maxAttempts = 2 counted ones: not a third.
    expect(restarted.detail(message.id).attemptList.map((a) => a.outcome)).toEqual(['temporary', 'temporary', 'temporary']);
    expect(restarted.state(message.id)).toBe('failed');
  });

  it('sends an attempt cut short before the dot again at once, without using up an attempt', async () => {
    const message = await crashAt('hang-before-dot', { 'delivery.maxAttempts': 1 });
    await restarted!.settle();
    expect(restarted!.repository.summary(message.id)).toMatchObject({ state: 'delivered', attempts: 2, possibleDuplicate: false });
    expect(restarted!.detail(message.id).attemptList.map((a) => a.outcome)).toEqual(['temporary', 'delivered']);
    expect(restarted!.agent.accepted.get(message.id)).toBe(1);
  });
});
