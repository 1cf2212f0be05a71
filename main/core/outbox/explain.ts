// A plain sentence on what an attempt's outcome means, until the smtp branch's explainAttempt is merged.
import type { AttemptResult } from './deliveryPort';

export function explainAttempt(result: AttemptResult, options: { treatDroppedQuitAsDelivered: boolean }): string {
  const error = result.error ? ` (${result.error.code}: ${result.error.message})` : '';
  switch (result.outcome) {
    case 'delivered':
      return `The server accepted the message (${result.commit?.reply ?? '250'}) and confirmed the end of the session.`;
    case 'accepted-quit-dropped':
      return options.treatDroppedQuitAsDelivered
        ? `The server accepted the message (${result.commit?.reply ?? '250'}) but did not answer QUIT. Counted as delivered because 'Treat dropped QUIT as delivered' is on.`
        : `The server accepted the message (${result.commit?.reply ?? '250'}) but did not answer QUIT. Sent again because 'Treat dropped QUIT as delivered' is off: copies may have arrived.`;
    case 'uncertain':
      return 'The connection was lost after the whole message was sent and before the server answered; it may or may not have arrived.';
    case 'temporary':
      return `The attempt failed for now${error}.`;
    case 'permanent':
      return `The message was refused${error}.`;
  }
}
