// The fault matrix through the queue: the real delivery agent and a real smtp-server behind the fault proxy, with
// "Treat dropped QUIT as delivered" on and off. Each case counts the copies the server holds per Message-ID, and checks
// the attempt outcomes and the final state; with the setting on, nothing that got a 250 is ever sent twice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { silentLogger } from '../../../main/core/logger';
import { DeliveryAgent } from '../../../main/core/smtp/deliveryAgent';
import { smtpSettingsFromPrefs } from '../../../main/core/smtp/settings';
import type { SmtpSettings } from '../../../main/core/smtp/types';
import type { MessageState } from '../../../shared/contract';
import { FaultProxy, type Fault, type FaultAction } from '../../support/faultProxy';
import { createHarness, type Harness } from '../../support/outboxHarness';
import { SmtpSink, type SmtpSinkOptions } from '../../support/smtpSink';
import { testCert } from '../../support/tlsCert';

const drop: FaultAction = { kind: 'drop' };
const reset: FaultAction = { kind: 'reset' };
const stall: FaultAction = { kind: 'stall' };
const reply = (text: string): FaultAction => ({ kind: 'reply', reply: text });

interface Case {
  name: string;
  /** What the proxy does; absent where the server itself refuses (sink options). */
  fault?: Fault;
  /** The server: TLS, AUTH, or a refusal of its own (at the final dot, which a proxy cannot fake after the 250). */
  sink?: SmtpSinkOptions;
  settings?: Partial<SmtpSettings>;
  /** Outcome of the first attempt. */
  first: string;
  /** Final state with the setting on / off, after retries. */
  on: MessageState;
  off: MessageState;
  /** Copies the server holds at the end, on / off. */
  copies: [number, number];
  /** The message ends flagged as a possible duplicate, on / off. */
  flagged: [boolean, boolean];
  /** An attachment this large, so the data goes out in many chunks. */
  attachmentBytes?: number;
}

const PASSWORD = 'fault-matrix-secret';
const starttls: Pick<Case, 'sink' | 'settings'> = { sink: { tls: 'starttls' }, settings: { security: 'starttls', ca: testCert().cert } };
const login: Pick<Case, 'sink' | 'settings'> = { sink: { auth: { user: 'fax', pass: PASSWORD } }, settings: { username: 'fax', password: PASSWORD } };
/** Refused or broken once, then delivered on the retry: one copy, nothing flagged. */
const once = (name: string, fault: Fault | undefined, extra: Partial<Case> = {}): Case => ({
  name,
  ...(fault ? { fault } : {}),
  first: 'temporary',
  on: 'delivered',
  off: 'delivered',
  copies: [1, 1],
  flagged: [false, false],
  ...extra,
});
/** Refused for good (5xx): failed at once, no copy. */
const refused = (name: string, fault: Fault | undefined, extra: Partial<Case> = {}): Case =>
  once(name, fault, { first: 'permanent', on: 'failed', off: 'failed', copies: [0, 0], ...extra });

const cases: Case[] = [
  // Temporary trouble before the final dot (RFC 5321 3.8: a close during a transaction is a 451): retried, one copy.
  once('stalls instead of greeting', { at: 'connect', action: stall }),
  once('resets at the greeting', { at: 'greeting', action: reset }),
  once('greets with 554 (session refused for now)', { at: 'greeting', action: reply('554 5.7.1 No service') }),
  once('resets at EHLO', { at: 'ehlo', action: reset }),
  once('stalls at EHLO', { at: 'ehlo', action: stall }),
  once('answers EHLO with 421', { at: 'ehlo', action: reply('421 4.3.2 Shutting down') }),
  once('drops at STARTTLS', { at: 'starttls', action: drop }, starttls),
  once('resets at STARTTLS', { at: 'starttls', action: reset }, starttls),
  once('stalls at STARTTLS', { at: 'starttls', action: stall }, starttls),
  once('answers STARTTLS with 454', { at: 'starttls', action: reply('454 4.7.0 TLS not available') }, starttls),
  once('answers STARTTLS with 554', { at: 'starttls', action: reply('554 5.7.0 No TLS for you') }, starttls),
  once('drops at AUTH', { at: 'auth', action: drop }, login),
  once('resets at AUTH', { at: 'auth', action: reset }, login),
  once('stalls at AUTH', { at: 'auth', action: stall }, login),
  once('answers AUTH with 454', { at: 'auth', action: reply('454 4.7.0 Temporary authentication failure') }, login),
  refused('refuses the login (535)', { at: 'auth', action: reply('535 5.7.8 Authentication credentials invalid') }, login),
  once('drops at MAIL', { at: 'mail', action: drop }),
  once('resets at MAIL', { at: 'mail', action: reset }),
  once('drops at RCPT', { at: 'rcpt', action: drop }),
  once('resets at RCPT', { at: 'rcpt', action: reset }),
  once('stalls at RCPT', { at: 'rcpt', action: stall }),
  once('drops at DATA', { at: 'data', action: drop }),
  once('stalls at DATA', { at: 'data', action: stall }),
  once('answers DATA with 451', { at: 'data', action: reply('451 4.3.0 Try later') }),
  once('resets in the middle of the data', { at: 'mid-data', action: reset }, { attachmentBytes: 16_000_000 }),
  once('stalls in the middle of the data', { at: 'mid-data', action: stall }, { attachmentBytes: 16_000_000 }),
  // The final dot's own reply: 4xx keeps the message waiting (the server refuses every time here), 5xx fails it.
  refused('answers the final dot with 451, every time', undefined, {
    first: 'temporary',
    sink: { rejectData: { code: 451, message: '4.3.0 Queue full, try later' } },
    on: 'retry-wait',
    off: 'retry-wait',
    copies: [0, 0],
  }),
  refused('answers the final dot with 554', undefined, { sink: { rejectData: { code: 554, message: '5.6.0 Content refused' } } }),
  // RFC 1047's window and what follows the 250.
  { name: 'resets after the final dot, before its reply', fault: { at: 'after-dot', action: reset }, first: 'uncertain', on: 'delivered', off: 'delivered', copies: [2, 2], flagged: [true, true] },
  { name: 'resets right after the 250', fault: { at: 'after-250', action: reset }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
  { name: 'answers QUIT with something other than 221', fault: { at: 'quit', action: reply('250 2.0.0 Fine') }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },

  { name: 'refuses the connection (reset at connect)', fault: { at: 'connect', action: reset }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: 'drops instead of greeting', fault: { at: 'greeting', action: drop }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: 'greets with 421', fault: { at: 'greeting', action: reply('421 4.3.2 Busy') }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: 'drops at EHLO', fault: { at: 'ehlo', action: drop }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: 'stalls at MAIL', fault: { at: 'mail', action: stall }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: '451 to MAIL', fault: { at: 'mail', action: reply('451 4.3.0 Try later') }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: '550 to MAIL', fault: { at: 'mail', action: reply('550 5.7.1 Sender refused') }, first: 'permanent', on: 'failed', off: 'failed', copies: [0, 0], flagged: [false, false] },
  { name: '450 to RCPT', fault: { at: 'rcpt', action: reply('450 4.2.0 Mailbox busy') }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: '550 to RCPT', fault: { at: 'rcpt', action: reply('550 5.1.1 No such user') }, first: 'permanent', on: 'failed', off: 'failed', copies: [0, 0], flagged: [false, false] },
  { name: 'resets at DATA', fault: { at: 'data', action: reset }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false] },
  { name: '554 to DATA', fault: { at: 'data', action: reply('554 5.6.0 Refused') }, first: 'permanent', on: 'failed', off: 'failed', copies: [0, 0], flagged: [false, false] },
  { name: 'drops in the middle of the data', fault: { at: 'mid-data', action: drop }, first: 'temporary', on: 'delivered', off: 'delivered', copies: [1, 1], flagged: [false, false], attachmentBytes: 16_000_000 },
  { name: 'drops after the final dot, before its reply', fault: { at: 'after-dot', action: drop }, first: 'uncertain', on: 'delivered', off: 'delivered', copies: [2, 2], flagged: [true, true] },
  { name: 'stalls after the final dot', fault: { at: 'after-dot', action: stall }, first: 'uncertain', on: 'delivered', off: 'delivered', copies: [2, 2], flagged: [true, true] },
  { name: 'drops right after the 250', fault: { at: 'after-250', action: drop }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
  { name: 'drops at QUIT', fault: { at: 'quit', action: drop }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
  { name: 'resets at QUIT', fault: { at: 'quit', action: reset }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
  { name: 'answers QUIT with 421', fault: { at: 'quit', action: reply('421 4.4.2 Timeout') }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
  { name: 'stalls at QUIT past the QUIT timeout', fault: { at: 'quit', action: stall }, first: 'accepted-quit-dropped', on: 'delivered', off: 'delivered', copies: [1, 2], flagged: [false, true] },
];

let h: Harness | undefined;
let sink: SmtpSink | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  h?.close();
  await proxy?.close();
  await sink?.close();
  h = undefined;
  proxy = sink = undefined;
});

async function setUp(fault: Fault | undefined, tolerant: boolean, serverCase: Pick<Case, 'sink' | 'settings'> = {}) {
  sink = new SmtpSink({ hidePipelining: true, ...serverCase.sink });
  const server = await sink.start();
  proxy = new FaultProxy({ host: '127.0.0.1', port: server.port }, fault);
  const { port } = await proxy.start();
  // The queue's retries run on the fake clock (no waiting); the agent's timeouts are real, one second each.
  h = createHarness({
    prefs: {
      'smtp.host': '127.0.0.1',
      'mail.from': 'fax@example.com',
      'delivery.treatDroppedQuitAsDelivered': tolerant,
      'delivery.retryMinSeconds': 60,
      'delivery.retryMaxSeconds': 60,
      'delivery.quitTimeoutSeconds': 1,
      'delivery.dataTimeoutSeconds': 1,
      'delivery.commandTimeoutSeconds': 1,
    },
    deliveryAgent: new DeliveryAgent({ clock: systemClock, logger: silentLogger }),
    target: (prefs) => ({ ok: true, settings: { ...smtpSettingsFromPrefs(prefs.all(), ''), ...serverCase.settings, host: '127.0.0.1', port }, local: false, label: 'proxy' }),
  });
  h.queue.start();
  return h;
}

describe.each([
  ['on', true],
  ['off', false],
] as const)('the queue through a faulty server, "Treat dropped QUIT as delivered" %s', (mode, tolerant) => {
  it.each(cases.map((c) => [c.name, c] as const))('server %s', async (_name, c) => {
    const harness = await setUp(c.fault, tolerant, c);
    const attachments = [];
    if (c.attachmentBytes) {
      const file = path.join(harness.dir, 'fax.pdf');
      fs.writeFileSync(file, crypto.randomBytes(c.attachmentBytes));
      attachments.push({ path: file });
    }
    const message = await harness.queue.enqueue({ kind: 'received-fax', to: ['anna@example.com'], subject: `Fault: ${c.name}`, text: 'A fax.', attachments });
    await harness.settle();
    const afterFirst = harness.detail(message.id);
    if (c.fault) expect(proxy!.fired, 'the fault was applied').toBe(true);
    expect(afterFirst.attemptList[0]?.outcome).toBe(c.first);
    const gotA250 = afterFirst.attemptList[0]?.commitReply !== null;
    for (let i = 0; i < 3 && ['retry-wait', 'queued'].includes(harness.state(message.id)); i++) await harness.advance(60_000);
    const final = harness.detail(message.id);
    const index = mode === 'on' ? 0 : 1;
    expect(final.state).toBe(mode === 'on' ? c.on : c.off);
    expect(sink!.copiesOf(message.messageId)).toBe(c.copies[index]);
    expect(final.possibleDuplicate).toBe(c.flagged[index]);
    // The promise: with the setting on, a message that got its 250 is never sent again.
    if (tolerant && gotA250) expect(final.attemptList).toHaveLength(1);
    // Whatever the server holds more than once is flagged.
    if (sink!.copiesOf(message.messageId) > 1) expect(final.possibleDuplicate).toBe(true);
    // The login's secret never reaches a stored transcript, whatever broke.
    expect(JSON.stringify(final.attemptList)).not.toContain(PASSWORD);
  });
});

describe('a shared session that breaks', () => {
  it('sends each message once: the one committed stays delivered, the ones not started go back to the queue', async () => {
    // RSET after the first message's 250 is dropped: the first is delivered, the rest were never started.
    const harness = await setUp({ at: 'rset', action: drop }, true);
    harness.prefs.set({ 'delivery.connections': 1 });
    const messages = await Promise.all([1, 2, 3].map((n) => harness.send(['anna@example.com'], `Batch ${n}`)));
    await harness.settle();
    for (let i = 0; i < 3 && messages.some((m) => harness.state(m.id) !== 'delivered'); i++) await harness.advance(60_000);
    for (const message of messages) {
      expect(harness.state(message.id)).toBe('delivered');
      expect(sink!.copiesOf(message.messageId)).toBe(1);
    }
    expect(messages.map((m) => harness.repository.summary(m.id).possibleDuplicate)).toEqual([false, false, false]);
  });
});
