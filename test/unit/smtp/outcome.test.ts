import { describe, expect, it } from 'vitest';
import { classifyAttempt, explainAttempt, type AttemptFacts } from '../../../main/core/smtp/outcome';
import type { AttemptResult } from '../../../main/core/smtp/types';

const facts = (f: Partial<AttemptFacts>): AttemptFacts => ({ phase: 'mail', dotSent: false, committed: false, ...f });

describe('classifyAttempt (DESIGN.md fault table)', () => {
  it.each([
    ['refused connection', facts({ phase: 'connect', errorCode: 'ECONNREFUSED' }), 'temporary'],
    ['no greeting', facts({ phase: 'greeting', errorCode: 'ETIMEDOUT' }), 'temporary'],
    ['554 greeting: the session is refused, not the message', facts({ phase: 'greeting', reply: '554 no service' }), 'temporary'],
    ['drop during EHLO', facts({ phase: 'ehlo', errorCode: 'ECONNECTION' }), 'temporary'],
    ['no STARTTLS offered', facts({ phase: 'starttls', errorCode: 'ETLS' }), 'temporary'],
    ['drop during AUTH', facts({ phase: 'auth', errorCode: 'ECONNRESET' }), 'temporary'],
    ['AUTH 535', facts({ phase: 'auth', errorCode: 'EAUTH', reply: '535 5.7.8 bad credentials' }), 'permanent'],
    ['AUTH 454', facts({ phase: 'auth', errorCode: 'EAUTH', reply: '454 4.7.0 try later' }), 'temporary'],
    ['451 to MAIL', facts({ phase: 'mail', reply: '451 4.3.0' }), 'temporary'],
    ['550 to MAIL', facts({ phase: 'mail', reply: '550 5.7.1' }), 'permanent'],
    ['550 to every RCPT', facts({ phase: 'rcpt', reply: '550 5.1.1' }), 'permanent'],
    ['554 to DATA', facts({ phase: 'data', reply: '554 5.6.0' }), 'permanent'],
    ['drop mid-data, dot not written', facts({ phase: 'message', errorCode: 'ECONNECTION' }), 'temporary'],
    ['drop after the dot', facts({ phase: 'dot-sent', dotSent: true, errorCode: 'ECONNECTION' }), 'uncertain'],
    ['stall after the dot', facts({ phase: 'dot-sent', dotSent: true, errorCode: 'ETIMEDOUT' }), 'uncertain'],
    ['451 to the final dot is an answer, not uncertainty', facts({ phase: 'dot-sent', dotSent: true, reply: '451 4.3.0' }), 'temporary'],
    ['554 to the final dot', facts({ phase: 'dot-sent', dotSent: true, reply: '554 5.6.0' }), 'permanent'],
    ['250 then 221', facts({ phase: 'closed', dotSent: true, committed: true, quitReply: '221 2.0.0 Bye' }), 'delivered'],
    ['250 then no reply to QUIT', facts({ phase: 'quit', dotSent: true, committed: true }), 'accepted-quit-dropped'],
    ['250 then 421 to QUIT', facts({ phase: 'quit', dotSent: true, committed: true, quitReply: '421 4.3.2 bye' }), 'accepted-quit-dropped'],
    ['unreadable .eml', facts({ phase: 'connect', errorCode: 'EMESSAGE' }), 'permanent'],
  ] as const)('%s → %s', (_name, input, outcome) => {
    expect(classifyAttempt(input)).toBe(outcome);
  });
});

const base: AttemptResult = {
  messageId: 'm1',
  outcome: 'accepted-quit-dropped',
  phase: 'quit',
  transcript: [],
  recipients: [],
  commit: { reply: '250 2.0.0 Ok: queued as 4F2A1', at: '2026-01-01T00:00:00.000Z' },
  error: { code: 'ECONNECTION', message: 'The server closed the connection without answering QUIT' },
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:01.000Z',
};

describe('explainAttempt', () => {
  it('says a dropped QUIT counts as delivered when the setting is on', () => {
    expect(explainAttempt(base, { treatDroppedQuitAsDelivered: true })).toBe(
      "The server accepted the message (250 2.0.0 Ok: queued as 4F2A1) but closed the connection without answering QUIT. Counted as delivered because 'Treat dropped QUIT as delivered' is on.",
    );
  });

  it('says plainly that copies may have arrived in strict mode', () => {
    expect(explainAttempt(base, { treatDroppedQuitAsDelivered: false })).toBe(
      "The server accepted the message (250 2.0.0 Ok: queued as 4F2A1) but closed the connection without answering QUIT. Sent again because 'Treat dropped QUIT as delivered' is off: copies may have arrived.",
    );
  });

  it('names a QUIT timeout and a non-221 reply', () => {
    expect(explainAttempt({ ...base, error: { code: 'ETIMEDOUT', message: 'No answer to QUIT within 30000 ms' } }, { treatDroppedQuitAsDelivered: true })).toContain(
      'but did not answer QUIT in time',
    );
    expect(explainAttempt({ ...base, quitReply: '421 4.3.2 shutting down' }, { treatDroppedQuitAsDelivered: true })).toContain(
      'but answered QUIT with "421 4.3.2 shutting down" instead of 221',
    );
  });

  it('explains an uncertain attempt as a possible duplicate', () => {
    const { commit: _commit, ...rest } = base;
    expect(explainAttempt({ ...rest, outcome: 'uncertain', phase: 'dot-sent' }, { treatDroppedQuitAsDelivered: true })).toBe(
      'The connection was lost after the whole message was sent and before the server answered; it may or may not have arrived, so it is marked as a possible duplicate.',
    );
  });

  it('quotes the refusal for temporary and permanent replies, and a missing file plainly', () => {
    const { commit: _commit, ...rest } = base;
    expect(
      explainAttempt({ ...rest, outcome: 'temporary', phase: 'mail', error: { code: 'EENVELOPE', message: 'x', reply: '451 4.3.0 try later' } }, { treatDroppedQuitAsDelivered: true }),
    ).toBe('The server turned MAIL FROM down for now ("451 4.3.0 try later"); it will be tried again later.');
    expect(
      explainAttempt({ ...rest, outcome: 'permanent', phase: 'rcpt', error: { code: 'EENVELOPE', message: 'x', reply: '550 5.1.1 no such user' } }, { treatDroppedQuitAsDelivered: true }),
    ).toBe('The server refused RCPT TO ("550 5.1.1 no such user"); it will not be sent again.');
    expect(
      explainAttempt({ ...rest, outcome: 'permanent', phase: 'connect', error: { code: 'EMESSAGE', message: 'The message file /x.eml does not exist' } }, { treatDroppedQuitAsDelivered: true }),
    ).toBe('The message file could not be read (EMESSAGE: The message file /x.eml does not exist); it cannot be sent.');
    expect(
      explainAttempt({ ...rest, outcome: 'temporary', phase: 'ehlo', error: { code: 'ECONNECTION', message: 'Connection closed unexpectedly' } }, { treatDroppedQuitAsDelivered: true }),
    ).toBe('The connection failed while introducing itself (EHLO) (ECONNECTION: Connection closed unexpectedly); the server did not take the message, so it will be tried again later.');
  });
});
