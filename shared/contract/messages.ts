// The outbox and delivery history domain: messages, their recipients and every attempt with its transcript.
import { z } from 'zod';
import { method } from './define';

export const messageStateSchema = z.enum(['queued', 'sending', 'retry-wait', 'delivered', 'failed', 'held', 'cancelled']);
export type MessageState = z.infer<typeof messageStateSchema>;

/** received-fax: a fax mailed to its recipients; sent-notification: "fax sent/failed"; manual: `faxdesk send` and test messages. */
export const messageKindSchema = z.enum(['received-fax', 'sent-notification', 'manual']);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const attemptOutcomeSchema = z.enum(['delivered', 'accepted-quit-dropped', 'uncertain', 'temporary', 'permanent']);
export type AttemptOutcomeName = z.infer<typeof attemptOutcomeSchema>;

export const transcriptLineSchema = z.object({
  at: z.string(),
  /** C: client, S: server, i: what faxdesk noted (connect, TLS, timeouts). */
  dir: z.enum(['C', 'S', 'i']),
  text: z.string(),
});
export type TranscriptLineView = z.infer<typeof transcriptLineSchema>;

export const recipientSchema = z.object({
  address: z.string(),
  state: z.enum(['pending', 'accepted', 'failed']),
  lastReply: z.string().nullable(),
});
export type RecipientView = z.infer<typeof recipientSchema>;

export const attemptSchema = z.object({
  number: z.number().int().positive(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The furthest SMTP phase reached (connect … dot-sent, accepted, quit). */
  phase: z.string(),
  outcome: attemptOutcomeSchema.nullable(),
  /** One plain sentence on what happened and what faxdesk did about it. */
  explanation: z.string(),
  commitReply: z.string().nullable(),
  quitReply: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  transcript: z.array(transcriptLineSchema),
});
export type AttemptView = z.infer<typeof attemptSchema>;

export const messageSummarySchema = z.object({
  id: z.string(),
  kind: messageKindSchema,
  state: messageStateSchema,
  subject: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  /** The RFC 5322 Message-ID fixed at enqueue: every retry sends the same one. */
  messageId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  possibleDuplicate: z.boolean(),
  /** Why a message is held or failed, in plain words. */
  reason: z.string().nullable(),
  faxId: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const messageDetailSchema = messageSummarySchema.extend({
  recipients: z.array(recipientSchema),
  attemptList: z.array(attemptSchema),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const messageCountsSchema = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  retryWait: z.number().int(),
  held: z.number().int(),
  failed: z.number().int(),
  delivered: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type MessageCounts = z.infer<typeof messageCountsSchema>;

const id = z.object({ id: z.string().min(1).max(64) }).strict();

export const messagesListParams = z
  .object({
    kinds: z.array(messageKindSchema).max(3).optional(),
    states: z.array(messageStateSchema).max(7).optional(),
    /** Matches subject, recipient or Message-ID. */
    search: z.string().max(200).optional(),
    /** Opaque paging cursor from the previous page. */
    cursor: z.string().max(200).nullable().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type MessagesListParams = z.input<typeof messagesListParams>;

export const messagesPageSchema = z.object({
  items: z.array(messageSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
});
export type MessagesPage = z.infer<typeof messagesPageSchema>;

export const messagesMethods = {
  'messages:list': method(messagesListParams, messagesPageSchema),
  'messages:get': method(id, messageDetailSchema),
  'messages:counts': method(z.object({}).strict(), messageCountsSchema),
  /** Retry now: retry-wait, failed or held messages go back to the queue at once. */
  'messages:retry': method(id, messageSummarySchema),
  'messages:cancel': method(id, messageSummarySchema),
  /** Releases a held message (uncertain delivery reviewed, or SMTP now configured). */
  'messages:release': method(id, messageSummarySchema),
  /** Enqueues a short test message to the given address with the current settings. */
  'messages:sendTest': method(z.object({ to: z.email({ message: 'must be an e-mail address' }) }).strict(), messageSummarySchema),
};

export const messagesEvents = {
  /** Messages whose state or attempts changed, with the new counts for the sidebar. */
  'messages:onDidChange': z.object({ changed: z.array(messageSummarySchema), counts: messageCountsSchema }),
};
