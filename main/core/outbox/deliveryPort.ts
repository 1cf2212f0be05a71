// What the queue needs from the delivery agent (main/core/smtp): one deliver() call per session, results per message.
import type { DeliveryHooks, OutgoingMessage, AttemptResult, SmtpSettings } from '../smtp/types';

export type { AttemptOutcome, AttemptResult, DeliveryHooks, OutgoingMessage, RecipientResult, SmtpSettings, TranscriptLine } from '../smtp/types';

/** The DeliveryAgent's one method, so tests can pass a scripted agent. */
export interface DeliveryAgentPort {
  deliver(settings: SmtpSettings, messages: OutgoingMessage[], hooks: DeliveryHooks, options: { reuseSession: boolean }): Promise<AttemptResult[]>;
}
