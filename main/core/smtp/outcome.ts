// Pure classification of one SMTP attempt (what the server said, where it stopped) into an outcome, and the sentence the UI shows for it.
import type { AttemptOutcome, AttemptPhase, AttemptResult } from './types';

/** What is known when an attempt ends; everything the outcome depends on and nothing else. */
export interface AttemptFacts {
  /** The step in progress when the attempt ended. */
  phase: AttemptPhase;
  /** The final dot was handed to the socket. */
  dotSent: boolean;
  /** The 250 to the final dot was read. */
  committed: boolean;
  /** The reply that ended the attempt, when a reply did (4xx/5xx); absent for drops, resets and timeouts. */
  reply?: string;
  /** The reply to QUIT, when one came. */
  quitReply?: string;
  /** Our error code: ECONNECTION, ETIMEDOUT, ETLS, EAUTH, EMESSAGE, ... */
  errorCode?: string;
}

/** The three-digit code at the start of a reply, or undefined. */
export function replyCode(reply: string | undefined): number | undefined {
  const match = /^([2-5]\d\d)/.exec(reply ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Steps whose 5xx refuses the session, not this message: retried with backoff until the attempts run out. */
const sessionPhases: ReadonlySet<AttemptPhase> = new Set(['connect', 'greeting', 'ehlo', 'starttls']);

export function classifyAttempt(facts: AttemptFacts): AttemptOutcome {
  if (facts.committed) {
    // RFC 5321 4.1.1.4: the 250 after the dot is the commit point; RFC 5321 4.1.1.10: a lost 221 undoes nothing.
    return replyCode(facts.quitReply) === 221 ? 'delivered' : 'accepted-quit-dropped';
  }
  // The message file itself is broken: no retry can help.
  if (facts.errorCode === 'EMESSAGE' && facts.reply === undefined) return 'permanent';
  const code = replyCode(facts.reply);
  if (code !== undefined && code >= 400) {
    // An explicit refusal, even to the final dot, leaves nothing uncertain: the server said it does not have the message.
    if (code < 500) return 'temporary';
    return sessionPhases.has(facts.phase) ? 'temporary' : 'permanent';
  }
  // Wrong or missing credentials will not get better by retrying (and retrying can lock the account).
  if (facts.errorCode === 'EAUTH' && facts.phase === 'auth' && code === undefined && !facts.dotSent) return 'permanent';
  // RFC 1047: the dot went out and no reply came; the server may hold the message or may not.
  if (facts.dotSent) return 'uncertain';
  // RFC 5321 3.8: a close or reset during a transaction counts as a 451.
  return 'temporary';
}

const phaseWords: Record<AttemptPhase, string> = {
  connect: 'connecting to the server',
  greeting: 'waiting for the server greeting',
  ehlo: 'introducing itself (EHLO)',
  starttls: 'switching to TLS (STARTTLS)',
  auth: 'logging in (AUTH)',
  mail: 'giving the sender (MAIL FROM)',
  rcpt: 'giving the recipients (RCPT TO)',
  data: 'starting the message (DATA)',
  message: 'sending the message',
  'dot-sent': 'waiting for the reply to the end of the message',
  accepted: 'after the server accepted the message',
  quit: 'ending the session (QUIT)',
  closed: 'closing the connection',
};

const commandWords: Partial<Record<AttemptPhase, string>> = {
  greeting: 'the connection',
  ehlo: 'EHLO',
  starttls: 'STARTTLS',
  auth: 'the login (AUTH)',
  mail: 'MAIL FROM',
  rcpt: 'RCPT TO',
  data: 'DATA',
  message: 'the message data',
  'dot-sent': 'the end of the message',
};

function quitPart(result: AttemptResult): string {
  const code = replyCode(result.quitReply);
  if (result.quitReply && code !== undefined) return `but answered QUIT with "${result.quitReply}" instead of 221`;
  if (result.error?.code === 'ETIMEDOUT') return 'but did not answer QUIT in time';
  if (result.error?.code === 'ECONNRESET') {
    return 'but reset the connection without answering QUIT';
  }
  return 'but closed the connection without answering QUIT';
}

/** One plain-English sentence for the history view. */
export function explainAttempt(result: AttemptResult, options: { treatDroppedQuitAsDelivered: boolean }): string {
  const commit = result.commit?.reply;
  const error = result.error ? ` (${result.error.code}: ${result.error.message})` : '';
  const rejected = result.recipients.filter((r) => r.status !== 'accepted');
  const rejectedPart = rejected.length
    ? ` ${rejected.map((r) => `${r.address} was refused (${r.reply})`).join('; ')}.`
    : '';
  switch (result.outcome) {
    case 'delivered':
      return `The server accepted the message (${commit}) and confirmed the end of the session (${result.quitReply}).${rejectedPart}`;
    case 'accepted-quit-dropped':
      return options.treatDroppedQuitAsDelivered
        ? `The server accepted the message (${commit}) ${quitPart(result)}. Counted as delivered because 'Treat dropped QUIT as delivered' is on.`
        : `The server accepted the message (${commit}) ${quitPart(result)}. Sent again because 'Treat dropped QUIT as delivered' is off: copies may have arrived.`;
    case 'uncertain':
      return 'The connection was lost after the whole message was sent and before the server answered; it may or may not have arrived, so it is marked as a possible duplicate.';
    case 'temporary': {
      if (result.error?.code === 'EHOOK') {
        return `faxdesk could not record that the message was about to be completed, so it held the end of the message back${error}; it will be tried again later.`;
      }
      if (result.error?.code === 'ETLS') return `The secure connection could not be set up${error}; nothing was sent, so it will be tried again later.`;
      const reply = result.error?.reply;
      if (reply) {
        return `The server turned ${commandWords[result.phase] ?? 'the request'} down for now ("${reply}"); it will be tried again later.${rejectedPart}`;
      }
      return `The connection failed while ${phaseWords[result.phase]}${error}; the server did not take the message, so it will be tried again later.${rejectedPart}`;
    }
    case 'permanent':
      if (result.error?.code === 'EMESSAGE' && !result.transcript.some((l) => l.dir === 'S')) {
        return `The message file could not be read${error}; it cannot be sent.`;
      }
      if (result.error?.reply) {
        return `The server refused ${commandWords[result.phase] ?? 'the message'} ("${result.error.reply}"); it will not be sent again.${rejectedPart}`;
      }
      return `The message could not be sent${error}; it will not be tried again.${rejectedPart}`;
  }
}
