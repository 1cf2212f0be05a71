// What the queue needs from the delivery agent (main/core/smtp): one deliver() call per session, results per message.
// Mirrors the smtp branch's types until that branch is merged, then re-exports them.

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username?: string;
  password?: string;
  rejectUnauthorized: boolean;
  clientName?: string;
  timeouts: { connectMs: number; greetingMs: number; commandMs: number; finalDotMs: number; quitMs: number };
}

export type AttemptOutcome = 'delivered' | 'accepted-quit-dropped' | 'uncertain' | 'temporary' | 'permanent';

export interface TranscriptLine {
  at: string;
  dir: 'C' | 'S' | 'i';
  text: string;
}

export interface RecipientResult {
  address: string;
  status: 'accepted' | 'temporary' | 'permanent';
  reply: string;
}

export interface OutgoingMessage {
  id: string;
  from: string;
  to: string[];
  emlPath: string;
}

export interface AttemptResult {
  messageId: string;
  outcome: AttemptOutcome;
  phase: string;
  transcript: TranscriptLine[];
  recipients: RecipientResult[];
  commit?: { reply: string; at: string };
  quitReply?: string;
  error?: { code: string; message: string; reply?: string };
  startedAt: string;
  endedAt: string;
  dotSent?: boolean;
}

export interface DeliveryHooks {
  onDotSent?(messageId: string): void | Promise<void>;
  onCommit(messageId: string, reply: string, at: string): void | Promise<void>;
}

export interface DeliveryAgentPort {
  deliver(settings: SmtpSettings, messages: OutgoingMessage[], hooks: DeliveryHooks, options: { reuseSession: boolean }): Promise<AttemptResult[]>;
}
