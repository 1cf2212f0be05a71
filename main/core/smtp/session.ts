// Drives one SMTP session over nodemailer's SMTPConnection as awaitable steps, with one watchdog per step and a transcript free of secrets.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { format } from 'node:util';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import { replyCode } from './outcome';
import type { AttemptPhase, SmtpSettings, TranscriptLine } from './types';

/** What ended a step: our code, the step, and the server's reply when a reply did it. */
export class SmtpSessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly phase: AttemptPhase,
    readonly reply?: string,
  ) {
    super(message);
    this.name = 'SmtpSessionError';
  }
}

export interface RcptReply {
  address: string;
  reply: string;
}

export interface QuitResult {
  reply?: string;
  error?: SmtpSessionError;
  /** False when the connection was gone before QUIT could be written. */
  sent: boolean;
}

export interface TlsInfo {
  protocol: string | null;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  subject?: string;
  validTo?: string;
}

interface Pending {
  verb: string;
  phase: AttemptPhase;
  address?: string;
}

/** The shape of the errors SMTPConnection hands out (NodemailerError, read loosely). */
interface NodemailerErrorLike extends Error {
  code?: string;
  originalCode?: string;
  response?: string;
  command?: string;
}

const commandPhases: Record<string, AttemptPhase> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  LHLO: 'ehlo',
  STARTTLS: 'starttls',
  AUTH: 'auth',
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  // RFC 5321 4.1.1.5: RSET between messages of one session opens the next transaction.
  RSET: 'mail',
  QUIT: 'quit',
};

/** Which step a nodemailer error belongs to, from the command it names (with PIPELINING the replies arrive in a batch). */
function phaseOfCommand(err: NodemailerErrorLike, fallback: AttemptPhase): AttemptPhase {
  const command = err.command ?? '';
  if (command.startsWith('MAIL')) return 'mail';
  if (command.startsWith('RCPT')) return 'rcpt';
  // nodemailer names the reply to the final dot 'DATA' too; its code (EMESSAGE) tells the two apart.
  if (command === 'DATA') return err.code === 'EMESSAGE' ? 'dot-sent' : 'data';
  if (command.startsWith('AUTH')) return 'auth';
  if (command === 'EHLO' || command === 'HELO' || command === 'LHLO') return 'ehlo';
  if (command === 'STARTTLS') return 'starttls';
  return fallback;
}

export class SmtpSession {
  readonly transcript: TranscriptLine[] = [];
  /** The step in progress: the oldest command still waiting for a reply, else the last one answered. */
  phase: AttemptPhase = 'connect';
  dotSent = false;
  greeting?: string;
  ehloReply?: string;
  quitReply?: string;
  /** The final reply to AUTH (235 or the refusal). */
  authReply?: string;
  /** RCPT TO replies of the current transaction, in order. */
  rcptReplies: RcptReply[] = [];
  /** Whether the last plain-text EHLO listed STARTTLS (RFC 3207 4). */
  startTlsOffered?: boolean;
  /** The message being sent, for the logs. */
  messageId?: string;

  private readonly conn: SMTPConnection;
  private readonly pending: Pending[] = [];
  private watchdog?: TimerHandle;
  private closed = false;
  private failure?: SmtpSessionError;
  private waiter?: { reject: (err: SmtpSessionError) => void };
  private endWaiters: Array<() => void> = [];
  private inAuth = false;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    const t = settings.timeouts;
    const longest = Math.max(t.connectMs, t.greetingMs, t.commandMs, t.finalDotMs, t.quitMs);
    this.conn = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.security === 'tls',
      // 'starttls' is required when chosen: nodemailer then sends STARTTLS and fails (ETLS) rather than go on in clear.
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      name: settings.clientName || undefined,
      tls: {
        rejectUnauthorized: settings.rejectUnauthorized,
        ...(settings.ca ? { ca: settings.ca } : {}),
      },
      // Our own watchdog (below) times every step. nodemailer's timers are only backstops set longer than ours: its
      // single socketTimeout would otherwise cut the RFC 5321 4.5.3.2 ten-minute wait for the reply to the final dot.
      connectionTimeout: t.connectMs + t.greetingMs + 2 * t.commandMs + 1000,
      greetingTimeout: Math.max(t.greetingMs, t.commandMs) + 1000,
      socketTimeout: longest + 5000,
      socketCloseTimeout: 1000,
      // transactionLog passes commands (credentials already masked by nodemailer) and replies, never the message data.
      transactionLog: true,
      debug: false,
      logger: this.nodemailerLogger(),
    });
    this.conn.on('error', (err: NodemailerErrorLike) => this.fail(this.toSessionError(err)));
    this.conn.on('end', () => this.onEnd());
  }

  /** Connects and runs the greeting, EHLO and STARTTLS (RFC 3207) until the session is ready for AUTH or MAIL. */
  async open(): Promise<void> {
    this.phase = 'connect';
    this.info(`connecting to ${this.settings.host}:${this.settings.port} (${this.settings.security})`);
    this.arm(this.settings.timeouts.connectMs, 'to connect');
    await this.wait<void>((resolve, reject) => {
      this.conn.connect((err) => (err ? reject(this.toSessionError(err)) : resolve()));
    });
    if (this.settings.security !== 'none' && !this.conn.secure) {
      // Defence in depth: nodemailer should never report a session ready in clear text when TLS was asked for.
      const err = new SmtpSessionError('ETLS', 'The connection is not encrypted although TLS was required', this.phase);
      this.fail(err);
      throw err;
    }
  }

  /** RFC 4954 AUTH; nodemailer picks the mechanism from the EHLO reply (PLAIN, LOGIN, CRAM-MD5). */
  async login(user: string, pass: string): Promise<void> {
    this.ensureOpen();
    await this.wait<void>((resolve, reject) => {
      this.conn.login({ user, pass }, (err) => (err ? reject(this.toSessionError(err)) : resolve()));
    });
  }

  /** MAIL, RCPT, DATA, the message and the final dot; resolves with the reply to the dot (the 250). */
  async send(envelope: { from: string; to: string[]; size?: number }, body: Readable): Promise<string> {
    this.ensureOpen();
    this.dotSent = false;
    this.rcptReplies = [];
    const info = await this.wait<SMTPConnection.SentMessageInfo>((resolve, reject) => {
      this.conn.send(envelope, body, (err, sent) => (err ? reject(this.toSessionError(err)) : resolve(sent)));
    });
    return info.response;
  }

  /** RFC 5321 4.1.1.5: RSET before the next message of a reused session. */
  async reset(): Promise<void> {
    this.ensureOpen();
    await this.wait<void>((resolve, reject) => {
      this.conn.reset((err) => (err ? reject(this.toSessionError(err)) : resolve()));
    });
  }

  /** Sends QUIT and waits (quitMs) for the 221 and the close; never throws. */
  async quit(): Promise<QuitResult> {
    if (this.closed || this.failure || this.conn.destroyed) {
      this.info('the connection was already closed, so QUIT was not sent');
      return { sent: false, error: new SmtpSessionError('ECONNECTION', 'The connection was closed before QUIT', this.phase) };
    }
    return new Promise<QuitResult>((resolve) => {
      let settled = false;
      const done = (error?: SmtpSessionError) => {
        if (settled) return;
        settled = true;
        this.waiter = undefined;
        this.disarm();
        if (this.quitReply !== undefined) {
          resolve({ sent: true, reply: this.quitReply });
        } else {
          resolve({
            sent: true,
            error: error ?? new SmtpSessionError('ECONNECTION', 'The server closed the connection without answering QUIT', 'quit'),
          });
        }
      };
      this.waiter = { reject: done };
      this.endWaiters.push(() => done());
      // nodemailer closes the socket itself once any reply to QUIT arrives; 'end' follows either way.
      this.conn.quit();
    });
  }

  /** Closes the connection without QUIT: after a failure mid-data, QUIT would be read as message text. */
  close(): void {
    this.disarm();
    if (!this.conn.destroyed) this.conn.close();
  }

  /** The message data made progress: RFC 5321 4.5.3.2 times each data block, not the whole message. */
  progress(): void {
    if (this.phase === 'message' && !this.failure) this.arm(this.settings.timeouts.commandMs, 'while sending the message');
  }

  get isBroken(): boolean {
    return this.closed || this.failure !== undefined;
  }

  get extensions(): string[] {
    return (this.ehloReply ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^\d{3}[ -]/, '').trim())
      .filter(Boolean);
  }

  tlsInfo(): TlsInfo | undefined {
    const socket = this.conn._socket as TLSSocket | false | null;
    if (!socket || !this.conn.secure || typeof socket.getCipher !== 'function') return undefined;
    const cert = socket.getPeerCertificate();
    return {
      protocol: socket.getProtocol(),
      cipher: socket.getCipher().name,
      authorized: socket.authorized,
      ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
      ...(cert && cert.subject ? { subject: String(cert.subject.CN ?? JSON.stringify(cert.subject)), validTo: cert.valid_to } : {}),
    };
  }

  info(text: string): void {
    this.add('i', text);
  }

  private ensureOpen(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new SmtpSessionError('ECONNECTION', 'The connection is closed', this.phase);
  }

  private wait<T>(start: (resolve: (value: T) => void, reject: (err: SmtpSessionError) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (this.waiter === entry) this.waiter = undefined;
        fn();
      };
      const entry = { reject: (err: SmtpSessionError) => settle(() => reject(err)) };
      this.waiter = entry;
      start(
        (value) => settle(() => resolve(value)),
        (err) =>
          settle(() => {
            // Failures that end the session are noted by fail(); a refused command is noted here.
            if (err !== this.failure) this.info(`${err.code}: ${err.message}`);
            reject(err);
          }),
      );
    });
  }

  private fail(err: SmtpSessionError): void {
    this.disarm();
    if (!this.failure) {
      this.failure = err;
      this.info(`${err.code}: ${err.message}`);
    }
    this.waiter?.reject(err);
    if (!this.conn.destroyed) this.conn.close();
  }

  private onEnd(): void {
    this.closed = true;
    this.disarm();
    for (const fn of this.endWaiters.splice(0)) fn();
    // nodemailer emits 'end' before it hands a 421 reply to the send callback; let that reply win.
    setImmediate(() => {
      if (this.waiter) {
        this.fail(new SmtpSessionError('ECONNECTION', 'The server closed the connection', this.phase));
      }
    });
  }

  private toSessionError(raw: Error): SmtpSessionError {
    if (raw instanceof SmtpSessionError) return raw;
    const err = raw as NodemailerErrorLike;
    const original = err.originalCode ?? '';
    let code = err.code ?? 'ECONNECTION';
    if (/CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|ALTNAME/.test(original)) code = 'ETLS';
    else if (/^E[A-Z]+$/.test(original) && original !== code) code = original; // ECONNREFUSED, ECONNRESET, EPIPE, ENOTFOUND
    const phase = phaseOfCommand(err, this.phase);
    const reply = err.response && /^[45]\d\d/.test(err.response) ? err.response : undefined;
    // nodemailer appends the reply to messages that already quote it ("response=421 …: 421 …"); say it once.
    let message = reply && err.message.includes(`response=${reply}`) ? err.message.replace(`: ${reply}`, '') : err.message;
    if (code === 'ETLS' && phase === 'starttls' && this.startTlsOffered === false) {
      message =
        'The server does not offer STARTTLS (its EHLO reply does not list it) and the security setting requires it; nothing was sent in clear text';
    }
    return new SmtpSessionError(code, message, phase, reply);
  }

  private add(dir: TranscriptLine['dir'], text: string): void {
    const line = { at: new Date(this.clock.now()).toISOString(), dir, text };
    this.transcript.push(line);
    this.logger.log('debug', { component: 'smtp', messageId: this.messageId, phase: this.phase, dir }, text);
  }

  private timeoutFor(phase: AttemptPhase): number {
    const t = this.settings.timeouts;
    if (phase === 'connect') return t.connectMs;
    if (phase === 'greeting') return t.greetingMs;
    // RFC 5321 4.5.3.2: 10 minutes for the reply to the final dot; cutting this short is the classic duplicate.
    if (phase === 'dot-sent') return t.finalDotMs;
    if (phase === 'quit') return t.quitMs;
    return t.commandMs;
  }

  private arm(ms: number, what: string): void {
    this.disarm();
    const phase = this.phase;
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = undefined;
      this.fail(new SmtpSessionError('ETIMEDOUT', `No answer ${what} within ${ms} ms`, phase));
    }, ms);
  }

  private disarm(): void {
    this.watchdog?.cancel();
    this.watchdog = undefined;
  }

  private onConnected(): void {
    this.phase = 'greeting';
    this.arm(this.settings.timeouts.greetingMs, 'with a greeting');
  }

  private onClientLine(text: string): void {
    const verb = (text.split(' ')[0] ?? '').toUpperCase();
    let shown = text;
    let phase: AttemptPhase = commandPhases[verb] ?? this.phase;
    if (this.inAuth && verb !== 'AUTH') {
      // SASL continuation lines carry the credentials (RFC 4954 4).
      shown = '****';
      phase = 'auth';
    } else if (verb === 'AUTH') {
      this.inAuth = true;
      const parts = text.split(' ');
      shown = parts.length > 2 ? `AUTH ${parts[1]} ****` : text;
    }
    if (verb === 'MAIL') this.rcptReplies = [];
    this.add('C', shown);
    const address = verb === 'RCPT' ? /<([^>]*)>/.exec(text)?.[1] : undefined;
    this.pending.push({ verb, phase, ...(address !== undefined ? { address } : {}) });
    if (this.pending.length === 1) {
      this.phase = phase;
      this.arm(this.timeoutFor(phase), `to ${verb || 'the command'}`);
    }
  }

  private onServerReply(text: string): void {
    for (const line of text.split(/\r?\n/)) this.add('S', line);
    const code = replyCode(text.slice(text.lastIndexOf('\n') + 1));
    const head = this.pending.shift();
    if (!head) {
      if (this.phase === 'greeting' && this.greeting === undefined) {
        this.greeting = text;
        this.disarm();
      }
      return;
    }
    if (head.phase === 'auth') {
      this.inAuth = code === 334;
      if (code !== 334) this.authReply = text;
    }
    if (head.phase === 'ehlo' && code !== undefined && code < 300) {
      this.ehloReply = text;
      if (!this.conn.secure) this.startTlsOffered = /^\d{3}[ -]STARTTLS\b/im.test(text);
    }
    if (head.verb === 'RCPT' && head.address !== undefined) this.rcptReplies.push({ address: head.address, reply: text });
    if (head.verb === 'QUIT') this.quitReply = text;
    const next = this.pending[0];
    if (next) {
      this.phase = next.phase;
      this.arm(this.timeoutFor(next.phase), `to ${next.verb}`);
      return;
    }
    if (head.verb === 'STARTTLS' && code === 220) {
      this.arm(this.settings.timeouts.commandMs, 'in the TLS handshake');
      return;
    }
    if (head.verb === 'DATA' && code === 354) {
      this.phase = 'message';
      this.arm(this.settings.timeouts.commandMs, 'while sending the message');
      return;
    }
    this.disarm();
  }

  /**
   * nodemailer logs { tnx: 'message', outByteCount } when its DataStream ends, i.e. once the last bytes, the final
   * CRLF.CRLF included, have been handed to the socket. From here on a lost reply leaves the result unknown (RFC 1047).
   */
  private onDataEnd(bytes: number): void {
    this.add('C', `<message: ${bytes} bytes>`);
    this.add('C', '.');
    this.dotSent = true;
    this.pending.push({ verb: '.', phase: 'dot-sent' });
    this.phase = 'dot-sent';
    this.arm(this.settings.timeouts.finalDotMs, 'to the final dot');
  }

  private onTlsUp(): void {
    const tls = this.tlsInfo();
    this.disarm();
    this.info(tls ? `TLS established: ${tls.protocol} ${tls.cipher}` : 'TLS established');
  }

  /** A bunyan-shaped logger for SMTPConnection: the transaction log feeds the transcript and the watchdog. */
  private nodemailerLogger(): Record<string, (...args: unknown[]) => void> {
    const handle =
      (level: string) =>
      (entry: unknown, message?: unknown, ...args: unknown[]): void => {
        const fields = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
        const text = typeof message === 'string' ? message : '';
        switch (fields.tnx) {
          case 'client':
            return this.onClientLine(text);
          case 'server':
            return this.onServerReply(text);
          case 'message':
            // Logged when nodemailer's DataStream ends, i.e. the final dot has been handed to the socket.
            if (typeof fields.outByteCount === 'number') return this.onDataEnd(fields.outByteCount);
            return;
          case 'network':
            if (/established/.test(text)) this.onConnected();
            break;
          case 'smtp':
            if (/upgraded with STARTTLS/.test(text)) this.onTlsUp();
            break;
        }
        this.logger.log('debug', { component: 'smtp', tnx: fields.tnx, level }, format(text, ...args));
      };
    return { trace: handle('trace'), debug: handle('debug'), info: handle('info'), warn: handle('warn'), error: handle('error'), fatal: handle('fatal') };
  }
}
