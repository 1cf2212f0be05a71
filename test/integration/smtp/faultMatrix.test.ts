// The fault matrix: the delivery agent against a real smtp-server behind a fault-injecting proxy, one fault per case.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { silentLogger } from '../../../main/core/logger';
import { DeliveryAgent } from '../../../main/core/smtp/deliveryAgent';
import type { AttemptOutcome, AttemptPhase, AttemptResult, SmtpSettings } from '../../../main/core/smtp/types';
import { recordingHooks, testSettings, writeEml } from '../../support/eml';
import { FaultProxy, type Fault, type FaultAction, type FaultPoint } from '../../support/faultProxy';
import { SmtpSink, type SmtpSinkOptions } from '../../support/smtpSink';
import { closedPort } from '../../support/transports';

const MESSAGE_ID = '<fax-1@faxdesk.test>';
const drop: FaultAction = { kind: 'drop' };
const reset: FaultAction = { kind: 'reset' };
const stall: FaultAction = { kind: 'stall' };
const reply = (text: string): FaultAction => ({ kind: 'reply', reply: text });

let dir: string;
let sink: SmtpSink | undefined;
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-matrix-'));
});

afterEach(async () => {
  await proxy?.close();
  await sink?.close();
  proxy = undefined;
  sink = undefined;
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  result: AttemptResult;
  copies: number;
  events: string[];
  lines: string[];
}

/** One message, one recipient, through the proxy (unless fault is undefined and direct is set). */
async function attempt(
  fault: Fault | undefined,
  options: { sink?: SmtpSinkOptions; settings?: Partial<SmtpSettings>; bodyBytes?: number; to?: string[] } = {},
): Promise<Run> {
  // One command at a time (no PIPELINING) so each fault point is its own step; pipelining has its own case below.
  sink = new SmtpSink({ hidePipelining: true, ...options.sink });
  const { port } = await sink.start();
  proxy = new FaultProxy({ host: '127.0.0.1', port }, fault);
  const proxied = await proxy.start();
  const emlPath = await writeEml(dir, { messageId: MESSAGE_ID, ...(options.bodyBytes ? { bodyBytes: options.bodyBytes } : {}) });
  const hooks = recordingHooks();
  const agent = new DeliveryAgent({ clock: systemClock, logger: silentLogger });
  const [result] = await agent.deliver(
    testSettings(proxied.port, options.settings),
    [{ id: 'm1', from: 'fax@example.com', to: options.to ?? ['anna@example.com'], emlPath }],
    hooks,
    { reuseSession: false },
  );
  if (fault) expect(proxy.fired, 'the fault was applied').toBe(true);
  return { result: result!, copies: sink.copiesOf(MESSAGE_ID), events: hooks.events, lines: result!.transcript.map((l) => `${l.dir} ${l.text}`) };
}

/** The transcript ends with lines matching these, in this order (other lines may sit between them). */
function expectEndsWith(lines: string[], patterns: RegExp[], options: { open?: boolean } = {}): void {
  const tail = lines.slice(-(patterns.length + 3));
  let from = 0;
  for (const pattern of patterns) {
    const index = tail.findIndex((line, i) => i >= from && pattern.test(line));
    expect(index, `${pattern} in the last lines:\n${tail.join('\n')}`).toBeGreaterThanOrEqual(0);
    from = index + 1;
  }
  // open: the client may or may not have written QUIT into the closing socket; the server said nothing more either way.
  if (options.open) expect(tail.slice(from).filter((l) => l.startsWith('S '))).toEqual([]);
  else expect(from, `the last line is ${patterns.at(-1)}:\n${tail.join('\n')}`).toBe(tail.length);
}

interface Case {
  name: string;
  at: FaultPoint;
  action: FaultAction;
  outcome: AttemptOutcome;
  phase: AttemptPhase | AttemptPhase[];
  copies: 0 | 1;
  last: RegExp[];
  bodyBytes?: number;
  open?: boolean;
}

// What the agent sees when the server (through the proxy) breaks at each point. Faults after the STARTTLS handshake
// cannot be made by a proxy that does not hold the keys; those are made in smtp-server's handlers (see the TLS cases).
const BIG = 16_000_000; // larger than the loopback socket buffers, so the final dot is still unwritten at mid-data
const cases: Case[] = [
  { name: 'drop at connect', at: 'connect', action: drop, outcome: 'temporary', phase: 'greeting', copies: 0, last: [/^i ECONNECTION/] },
  { name: 'reset at connect', at: 'connect', action: reset, outcome: 'temporary', phase: ['connect', 'greeting'], copies: 0, last: [/^i ECONNRESET/] },
  { name: 'no greeting (stall)', at: 'connect', action: stall, outcome: 'temporary', phase: 'greeting', copies: 0, last: [/^i ETIMEDOUT: No answer with a greeting within 500 ms/] },
  { name: 'drop at greeting', at: 'greeting', action: drop, outcome: 'temporary', phase: 'greeting', copies: 0, last: [/^i ECONNECTION/] },
  { name: '421 greeting', at: 'greeting', action: reply('421 4.3.2 shutting down'), outcome: 'temporary', phase: 'greeting', copies: 0, last: [/^S 421 4.3.2/, /^i EPROTOCOL/] },
  { name: '554 greeting (session refused, retried)', at: 'greeting', action: reply('554 5.7.1 no service'), outcome: 'temporary', phase: 'greeting', copies: 0, last: [/^S 554/, /^i EPROTOCOL/] },
  { name: 'drop at EHLO', at: 'ehlo', action: drop, outcome: 'temporary', phase: 'ehlo', copies: 0, last: [/^C EHLO faxdesk.test/, /^i ECONNECTION/] },
  { name: 'reset at EHLO', at: 'ehlo', action: reset, outcome: 'temporary', phase: 'ehlo', copies: 0, last: [/^C EHLO/, /^i ECONNRESET/] },
  { name: 'stall at EHLO', at: 'ehlo', action: stall, outcome: 'temporary', phase: 'ehlo', copies: 0, last: [/^C EHLO/, /^i ETIMEDOUT: No answer to EHLO/] },
  { name: '421 to EHLO', at: 'ehlo', action: reply('421 4.3.2 shutting down'), outcome: 'temporary', phase: 'ehlo', copies: 0, last: [/^S 421/, /^i ECONNECTION/] },
  { name: '502 to EHLO falls back to HELO', at: 'ehlo', action: reply('502 5.5.1 EHLO not supported'), outcome: 'delivered', phase: 'closed', copies: 1, last: [/^C QUIT/, /^S 221/] },
  { name: 'drop at MAIL', at: 'mail', action: drop, outcome: 'temporary', phase: 'mail', copies: 0, last: [/^C MAIL FROM:<fax@example.com>/, /^i ECONNECTION/] },
  { name: 'reset at MAIL', at: 'mail', action: reset, outcome: 'temporary', phase: 'mail', copies: 0, last: [/^C MAIL/, /^i ECONNRESET/] },
  { name: 'stall at MAIL', at: 'mail', action: stall, outcome: 'temporary', phase: 'mail', copies: 0, last: [/^C MAIL/, /^i ETIMEDOUT: No answer to MAIL within 500 ms/] },
  { name: '451 to MAIL', at: 'mail', action: reply('451 4.3.0 try later'), outcome: 'temporary', phase: 'mail', copies: 0, last: [/^S 451/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: '550 to MAIL', at: 'mail', action: reply('550 5.7.1 sender refused'), outcome: 'permanent', phase: 'mail', copies: 0, last: [/^S 550/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: 'drop at RCPT', at: 'rcpt', action: drop, outcome: 'temporary', phase: 'rcpt', copies: 0, last: [/^C RCPT TO:<anna@example.com>/, /^i ECONNECTION/] },
  { name: 'reset at RCPT', at: 'rcpt', action: reset, outcome: 'temporary', phase: 'rcpt', copies: 0, last: [/^C RCPT/, /^i ECONNRESET/] },
  { name: 'stall at RCPT', at: 'rcpt', action: stall, outcome: 'temporary', phase: 'rcpt', copies: 0, last: [/^C RCPT/, /^i ETIMEDOUT: No answer to RCPT/] },
  { name: '452 to RCPT', at: 'rcpt', action: reply('452 4.2.2 mailbox full'), outcome: 'temporary', phase: 'rcpt', copies: 0, last: [/^S 452/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: '550 to RCPT', at: 'rcpt', action: reply('550 5.1.1 no such user'), outcome: 'permanent', phase: 'rcpt', copies: 0, last: [/^S 550/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: 'drop at DATA', at: 'data', action: drop, outcome: 'temporary', phase: 'data', copies: 0, last: [/^C DATA/, /^i ECONNECTION/] },
  { name: 'reset at DATA', at: 'data', action: reset, outcome: 'temporary', phase: 'data', copies: 0, last: [/^C DATA/, /^i ECONNRESET/] },
  { name: 'stall at DATA', at: 'data', action: stall, outcome: 'temporary', phase: 'data', copies: 0, last: [/^C DATA/, /^i ETIMEDOUT: No answer to DATA/] },
  { name: '451 to DATA', at: 'data', action: reply('451 4.3.0 try later'), outcome: 'temporary', phase: 'data', copies: 0, last: [/^S 451/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: '554 to DATA', at: 'data', action: reply('554 5.6.0 no data'), outcome: 'permanent', phase: 'data', copies: 0, last: [/^S 554/, /^i EENVELOPE/, /^C QUIT/, /^S 221/] },
  { name: 'drop mid-data', at: 'mid-data', action: drop, outcome: 'temporary', phase: 'message', copies: 0, last: [/^S 354/, /^i (ECONNECTION|ECONNRESET|EPIPE)/], bodyBytes: BIG },
  { name: 'reset mid-data', at: 'mid-data', action: reset, outcome: 'temporary', phase: 'message', copies: 0, last: [/^S 354/, /^i (ECONNRESET|EPIPE|ECONNECTION)/], bodyBytes: BIG },
  { name: 'stall mid-data', at: 'mid-data', action: stall, outcome: 'temporary', phase: 'message', copies: 0, last: [/^S 354/, /^i ETIMEDOUT: No answer while sending the message/], bodyBytes: BIG },
  // The proxy forwards the dot and waits for the server's 250 before it breaks: the server holds a copy, the client cannot know.
  { name: 'drop after the final dot', at: 'after-dot', action: drop, outcome: 'uncertain', phase: 'dot-sent', copies: 1, last: [/^C <message: \d+ bytes>/, /^C \.$/, /^i ECONNECTION/] },
  { name: 'reset after the final dot', at: 'after-dot', action: reset, outcome: 'uncertain', phase: 'dot-sent', copies: 1, last: [/^C \.$/, /^i ECONNRESET/] },
  { name: 'stall after the final dot', at: 'after-dot', action: stall, outcome: 'uncertain', phase: 'dot-sent', copies: 1, last: [/^C \.$/, /^i ETIMEDOUT: No answer to the final dot within 500 ms/] },
  { name: 'drop after the 250', at: 'after-250', action: drop, outcome: 'accepted-quit-dropped', phase: ['accepted', 'quit'], copies: 1, last: [/^S 250 2.0.0 Ok: queued as SINK1/, /commit point/], open: true },
  { name: 'reset after the 250', at: 'after-250', action: reset, outcome: 'accepted-quit-dropped', phase: ['accepted', 'quit'], copies: 1, last: [/^S 250 2.0.0 Ok: queued as SINK1/, /commit point/], open: true },
  { name: 'QUIT: connection closed, no reply', at: 'quit', action: drop, outcome: 'accepted-quit-dropped', phase: 'quit', copies: 1, last: [/^S 250 2.0.0/, /commit point/, /^C QUIT$/] },
  { name: 'QUIT: reset', at: 'quit', action: reset, outcome: 'accepted-quit-dropped', phase: 'quit', copies: 1, last: [/^C QUIT$/, /^i ECONNRESET/] },
  { name: 'QUIT: stall past the QUIT timeout', at: 'quit', action: stall, outcome: 'accepted-quit-dropped', phase: 'quit', copies: 1, last: [/^C QUIT$/, /^i ETIMEDOUT: No answer to QUIT within 300 ms/] },
  { name: 'QUIT: 421', at: 'quit', action: reply('421 4.3.2 shutting down'), outcome: 'accepted-quit-dropped', phase: 'quit', copies: 1, last: [/^C QUIT$/, /^S 421 4.3.2 shutting down/] },
  { name: 'QUIT: another reply', at: 'quit', action: reply('250 2.0.0 fine'), outcome: 'accepted-quit-dropped', phase: 'quit', copies: 1, last: [/^C QUIT$/, /^S 250 2.0.0 fine/] },
];

describe('fault matrix: agent → fault proxy → smtp-server', () => {
  it.each(cases)('$name → $outcome', async (c) => {
    const run = await attempt({ at: c.at, action: c.action }, c.bodyBytes ? { bodyBytes: c.bodyBytes } : {});
    expect(run.result.outcome).toBe(c.outcome);
    if (Array.isArray(c.phase)) expect(c.phase).toContain(run.result.phase);
    else expect(run.result.phase).toBe(c.phase);
    expect(run.copies).toBe(c.copies);
    expectEndsWith(run.lines, c.last, { open: c.open ?? false });
    // The commit is recorded before QUIT exactly when the server took the message.
    expect(run.events.some((e) => e.startsWith('commit'))).toBe(c.outcome === 'delivered' || c.outcome === 'accepted-quit-dropped');
    if (c.outcome === 'uncertain') expect(run.events).toEqual(['dot m1']);
    if (c.outcome === 'accepted-quit-dropped') {
      expect(run.result.commit?.reply).toBe('250 2.0.0 Ok: queued as SINK1');
      const quitIndex = run.lines.indexOf('C QUIT');
      if (quitIndex >= 0) expect(quitIndex).toBeGreaterThan(run.lines.findIndex((l) => l.includes('commit point')));
    }
  });

  it('250 then 221 → delivered, with the commit recorded before QUIT', async () => {
    const run = await attempt(undefined);
    expect(run.result).toMatchObject({ outcome: 'delivered', phase: 'closed', quitReply: '221 Bye', commit: { reply: '250 2.0.0 Ok: queued as SINK1' } });
    expect(run.copies).toBe(1);
    expect(run.events).toEqual(['dot m1', 'commit m1 250 2.0.0 Ok: queued as SINK1']);
    expectEndsWith(run.lines, [/^C <message: \d+ bytes>/, /^C \.$/, /^S 250 2.0.0 Ok: queued as SINK1/, /commit point/, /^C QUIT$/, /^S 221 Bye/]);
    // RFC 5321 4.5.2: the dot-stuffed line arrives unstuffed.
    expect(sink!.messages[0]!.raw.toString()).toContain('\r\n.a line starting with a dot\r\n');
  });

  it('refused connection → temporary at connect, nothing sent', async () => {
    const port = await closedPort();
    const emlPath = await writeEml(dir, { messageId: MESSAGE_ID });
    const agent = new DeliveryAgent({ clock: systemClock, logger: silentLogger });
    const [result] = await agent.deliver(testSettings(port), [{ id: 'm1', from: 'fax@example.com', to: ['anna@example.com'], emlPath }], recordingHooks(), {
      reuseSession: false,
    });
    expect(result).toMatchObject({ outcome: 'temporary', phase: 'connect', error: { code: 'ECONNREFUSED' } });
    expect(result!.transcript.at(-1)?.text).toMatch(/^ECONNREFUSED/);
  });

  it('451 to the final dot (from the server) → temporary, no copy', async () => {
    const run = await attempt(undefined, { sink: { rejectData: { code: 451, message: '4.3.0 queue full, try later' } } });
    expect(run.result).toMatchObject({ outcome: 'temporary', phase: 'dot-sent', error: { code: 'EMESSAGE', reply: '451 4.3.0 queue full, try later' } });
    expect(run.copies).toBe(0);
    expectEndsWith(run.lines, [/^C \.$/, /^S 451 4.3.0/, /^i EMESSAGE/, /^C QUIT$/, /^S 221/]);
  });

  it('554 to the final dot (from the server) → permanent, no copy', async () => {
    const run = await attempt(undefined, { sink: { rejectData: { code: 554, message: '5.6.0 content refused' } } });
    expect(run.result).toMatchObject({ outcome: 'permanent', phase: 'dot-sent' });
    expect(run.copies).toBe(0);
    expectEndsWith(run.lines, [/^C \.$/, /^S 554 5.6.0/, /^i EMESSAGE/, /^C QUIT$/, /^S 221/]);
  });

  it('per recipient: one 550, one 451, one accepted → delivered to the one, each address with its reply', async () => {
    const run = await attempt(undefined, {
      to: ['gone@example.com', 'full@example.com', 'anna@example.com'],
      sink: {
        rejectRecipients: {
          'gone@example.com': { code: 550, message: '5.1.1 no such user' },
          'full@example.com': { code: 451, message: '4.2.2 mailbox busy' },
        },
      },
    });
    expect(run.result.outcome).toBe('delivered');
    expect(run.result.recipients).toEqual([
      { address: 'gone@example.com', status: 'permanent', reply: '550 5.1.1 no such user' },
      { address: 'full@example.com', status: 'temporary', reply: '451 4.2.2 mailbox busy' },
      { address: 'anna@example.com', status: 'accepted', reply: '250 Accepted' },
    ]);
    expect(run.copies).toBe(1);
    expect(sink!.messages[0]!.envelope.to).toEqual(['anna@example.com']);
  });

  it('per recipient: all refused (550 and 451) → temporary, and no DATA is sent', async () => {
    const run = await attempt(undefined, {
      to: ['gone@example.com', 'full@example.com'],
      sink: {
        rejectRecipients: {
          'gone@example.com': { code: 550, message: '5.1.1 no such user' },
          'full@example.com': { code: 451, message: '4.2.2 mailbox busy' },
        },
      },
    });
    expect(run.result).toMatchObject({ outcome: 'temporary', phase: 'rcpt' });
    expect(run.result.recipients.map((r) => r.status)).toEqual(['permanent', 'temporary']);
    expect(run.lines).not.toContain('C DATA');
    expect(run.copies).toBe(0);
  });

  it('per recipient: all refused with 5xx → permanent', async () => {
    const run = await attempt(undefined, {
      to: ['gone@example.com'],
      sink: { rejectRecipients: { 'gone@example.com': { code: 550, message: '5.1.1 no such user' } } },
    });
    expect(run.result).toMatchObject({ outcome: 'permanent', phase: 'rcpt', recipients: [{ address: 'gone@example.com', status: 'permanent' }] });
  });

  it('an address accepted at RCPT in a transaction that then broke is not reported accepted', async () => {
    const run = await attempt({ at: 'data', action: drop });
    expect(run.result.outcome).toBe('temporary');
    expect(run.result.recipients).toEqual([{ address: 'anna@example.com', status: 'temporary', reply: '250 Accepted' }]);
  });

  it('with PIPELINING, a drop at RCPT is still temporary and names the oldest unanswered step', async () => {
    const run = await attempt({ at: 'rcpt', action: drop }, { sink: { hidePipelining: false } });
    expect(run.result.outcome).toBe('temporary');
    // MAIL, RCPT and DATA went out together; the proxy never passed on the reply to MAIL.
    expect(run.result.phase).toBe('mail');
    expectEndsWith(run.lines, [/^C MAIL/, /^C RCPT/, /^C DATA/, /^i ECONNECTION/]);
  });
});
