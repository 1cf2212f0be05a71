// The delivery agent's public contract: SMTP settings in, one attempt's result out (the queue manager is written against it).

export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** AUTH when username is non-empty. */
  username?: string;
  password?: string;
  /** Certificate checks on by default. */
  rejectUnauthorized: boolean;
  /** EHLO name. */
  clientName?: string;
  /**
   * RFC 5321 4.5.3.2 gives the minimums: greeting 5 min, MAIL/RCPT 5 min, DATA 2 min, each data block 3 min,
   * reply to the final dot 10 min. commandMs also bounds each stretch of the message data without progress.
   */
  timeouts: { connectMs: number; greetingMs: number; commandMs: number; finalDotMs: number; quitMs: number };
  /** For tests with a self-signed cert. */
  ca?: string | Buffer;
}

/**
 * The step of an attempt. As AttemptResult.phase it is the step the attempt had reached when it ended: with PIPELINING,
 * the oldest command still waiting for its reply (so a drop after MAIL was answered but before RCPT was is 'rcpt').
 */
export type AttemptPhase =
  | 'connect'
  | 'greeting'
  | 'ehlo'
  | 'starttls'
  | 'auth'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'message'
  | 'dot-sent'
  | 'accepted'
  | 'quit'
  | 'closed';

export type AttemptOutcome = 'delivered' | 'accepted-quit-dropped' | 'uncertain' | 'temporary' | 'permanent';

export interface TranscriptLine {
  at: string /* ISO */;
  dir: 'C' | 'S' | 'i' /* client, server, info */;
  text: string;
}

/**
 * One address the server answered at RCPT TO. `reply` is that RCPT reply. `status` is 'accepted' only when the server
 * also took the message (250 to the final dot): an address accepted at RCPT in a transaction that then failed is
 * reported 'temporary', so it is retried, never dropped. Pending addresses the server never answered are not listed:
 * they stay pending under the attempt's outcome.
 */
export interface RecipientResult {
  address: string;
  status: 'accepted' | 'temporary' | 'permanent';
  reply: string;
}

export interface OutgoingMessage {
  id: string;
  from: string;
  to: string[] /* only recipients still pending */;
  emlPath: string;
}

export interface AttemptResult {
  messageId: string;
  outcome: AttemptOutcome;
  phase: AttemptPhase; // furthest phase reached
  transcript: TranscriptLine[];
  recipients: RecipientResult[];
  /** The 250 to the final dot. */
  commit?: { reply: string; at: string };
  quitReply?: string;
  /** What ended the attempt; `reply` is the server's 4xx/5xx when a reply did (absent for drops, resets, timeouts). */
  error?: { code: string; message: string; reply?: string };
  startedAt: string;
  endedAt: string;
  /** True once the final dot was handed to the socket (RFC 1047: from here on a lost reply leaves the result unknown). */
  dotSent?: boolean;
}

export interface DeliveryHooks {
  /**
   * Called when the final dot is about to be written (RFC 1047 window opens): after the whole message body was handed
   * over and before the terminating CRLF.CRLF is, so a crash can never leave a written dot unrecorded. Must be durable
   * before it returns (sync or awaited); the agent holds the dot back until it has.
   */
  onDotSent?(messageId: string): void | Promise<void>;
  /**
   * Called with the 250 to the final dot; the agent sends QUIT only once it has settled (a shared session goes on with
   * RSET and the next message meanwhile). This is the commit point.
   * `recipients` are this transaction's RCPT results (accepted, or refused with 4xx/5xx): stored with the commit, they
   * let a restart after a crash retry exactly the addresses the server did not take.
   */
  onCommit(messageId: string, reply: string, at: string, recipients: RecipientResult[]): void | Promise<void>;
}
