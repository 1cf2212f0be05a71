// What a message becomes after an attempt (DESIGN.md's outcome table), as a pure function of the attempt's result,
// the message and the delivery preferences: the queue manager's whole policy in one place.
import type { ClaimedMessage, RecipientState, Transition } from '../store/messageRepository';
import { retryDelayMs } from './backoff';
import type { AttemptResult } from './deliveryPort';

export interface DeliveryPolicy {
  treatDroppedQuitAsDelivered: boolean;
  holdUncertain: boolean;
  maxAttempts: number;
  maxAgeHours: number;
  retryMinSeconds: number;
  retryMaxSeconds: number;
}

export interface Decision {
  transition: Transition;
  /** What faxdesk did about it, appended to the attempt's explanation. */
  action: string;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19) + ' UTC';

function lastReplyOf(result: AttemptResult): string {
  return result.error?.reply ?? (result.error ? `${result.error.code}: ${result.error.message}` : result.outcome);
}

/**
 * Decides the next state. Recipients: 5xx addresses fail, accepted ones (only once the message is committed) are never
 * sent again, the rest stay pending and are retried alone.
 */
export function decideAfterAttempt(
  message: ClaimedMessage,
  result: AttemptResult,
  policy: DeliveryPolicy,
  now: number,
  random: number,
): Decision {
  const committed = result.outcome === 'delivered' || (result.outcome === 'accepted-quit-dropped' && policy.treatDroppedQuitAsDelivered);
  const byAddress = new Map(result.recipients.map((r) => [r.address.toLowerCase(), r]));
  const recipients: NonNullable<Transition['recipients']> = [];
  let accepted = 0;
  let failed = 0;
  for (const address of message.to) {
    const reply = byAddress.get(address.toLowerCase());
    let state: RecipientState = 'pending';
    if (reply?.status === 'permanent' || result.outcome === 'permanent') state = 'failed';
    else if (committed && (reply?.status === 'accepted' || (reply === undefined && result.recipients.length === 0))) state = 'accepted';
    if (state === 'accepted') accepted++;
    if (state === 'failed') failed++;
    recipients.push({ address, state, lastReply: reply?.reply ?? (state === 'pending' ? null : (result.commit?.reply ?? lastReplyOf(result))) });
  }
  const pending = message.to.length - accepted - failed;
  const deliveredTo = message.acceptedBefore + accepted;

  const ageLimit = policy.maxAgeHours * 3_600_000;
  const outOfAttempts = message.countedAttempts >= policy.maxAttempts;
  const tooOld = now - message.budgetSince >= ageLimit;
  const retry = (reason: string | null, extra: Partial<Transition> = {}): Decision => {
    if (outOfAttempts || tooOld) {
      const why = outOfAttempts
        ? `after ${message.countedAttempts} attempts (delivery.maxAttempts is ${policy.maxAttempts})`
        : `after ${policy.maxAgeHours} hours in the queue (delivery.maxAgeHours)`;
      return {
        transition: {
          ...extra,
          state: 'failed',
          reason: `Gave up ${why}; the last try ended with: ${lastReplyOf(result)}.`,
          recipients: recipients.map((r) => (r.state === 'pending' ? { ...r, state: 'failed', lastReply: r.lastReply ?? lastReplyOf(result) } : r)),
        },
        action: `faxdesk gave up ${why}.`,
      };
    }
    const at = now + retryDelayMs(message.countedAttempts, policy.retryMinSeconds, policy.retryMaxSeconds, random);
    return {
      transition: { ...extra, state: 'retry-wait', nextAttemptAt: at, reason, recipients },
      action: pending < message.to.length && pending > 0 ? `faxdesk retries the ${pending} waiting recipient(s) at ${clock(at)}.` : `faxdesk tries again at ${clock(at)}.`,
    };
  };

  if (committed) {
    if (pending === 0) {
      const refused = [
        ...message.refusedBefore,
        ...recipients.filter((r) => r.state === 'failed').map((r) => ({ address: r.address, reply: r.lastReply })),
      ];
      return {
        transition: {
          state: 'delivered',
          deliveredAt: result.commit ? Date.parse(result.commit.at) || now : now,
          reason: refused.length ? `Not delivered to ${refused.map((r) => `${r.address} (${r.reply})`).join(', ')}.` : null,
          recipients,
        },
        action: 'Delivered.',
      };
    }
    return retry(`Delivered to ${deliveredTo} recipient(s); ${pending} waiting for a retry.`);
  }
  switch (result.outcome) {
    case 'accepted-quit-dropped':
      return retry(
        "The server accepted the message but did not confirm the end of the session; 'Treat dropped QUIT as delivered' is off, so it is sent again and copies may have arrived.",
        { possibleDuplicate: true },
      );
    case 'uncertain':
      if (policy.holdUncertain) {
        return {
          transition: {
            state: 'held',
            holdCause: 'uncertain',
            possibleDuplicate: true,
            reason:
              'The connection ended after the whole message was sent and before the server answered: it may have arrived. Release it to send it again (a second copy may arrive), or cancel it.',
            recipients,
          },
          action: "Held for review ('Hold uncertain deliveries for review' is on).",
        };
      }
      return retry('The last attempt may have arrived (no reply to the final dot); it is sent again and marked as a possible duplicate.', {
        possibleDuplicate: true,
      });
    case 'temporary':
      if (pending === 0) {
        return {
          transition: { state: deliveredTo > 0 ? 'delivered' : 'failed', deliveredAt: deliveredTo > 0 ? now : null, reason: 'Every remaining recipient was refused.', recipients },
          action: 'No recipient is left to retry.',
        };
      }
      return retry(`Waiting to retry: ${lastReplyOf(result)}.`);
    case 'permanent':
    default:
      return {
        transition: {
          state: deliveredTo > 0 ? 'delivered' : 'failed',
          deliveredAt: deliveredTo > 0 ? now : null,
          reason: `Refused: ${lastReplyOf(result)}.`,
          recipients,
        },
        action: 'faxdesk will not try again.',
      };
  }
}
