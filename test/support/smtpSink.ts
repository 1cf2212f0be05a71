// A real smtp-server on 127.0.0.1 that records every accepted message, so tests count copies per Message-ID.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { testCert } from './tlsCert';

export interface ReceivedMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  messageId?: string;
  /** smtp-server's session id: messages with the same one came over one connection. */
  sessionId: string;
  secure: boolean;
  user?: string;
}

export interface SinkReply {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials. */
  auth?: { user: string; pass: string };
  /** 'starttls': offer STARTTLS; 'implicit': TLS from the first byte; absent: clear text only. */
  tls?: 'starttls' | 'implicit';
  /** Per-address refusals at RCPT TO, e.g. { 'x@example.com': { code: 550, message: 'No such user' } }. */
  rejectRecipients?: Record<string, SinkReply>;
  /** Refuse MAIL FROM with this reply. */
  rejectMail?: SinkReply;
  /** Refuse the message at the final dot with this reply (after reading it); nothing is recorded. */
  rejectData?: SinkReply;
  /** Wait this long before answering the final dot (a slow server scanning the message). */
  dataReplyDelayMs?: number;
  /** Leave PIPELINING out of the EHLO reply (RFC 2920), so the client sends one command at a time. */
  hidePipelining?: boolean;
}

function smtpError(reply: SinkReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export function messageIdOf(raw: Buffer): string | undefined {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
}

export class SmtpSink {
  readonly messages: ReceivedMessage[] = [];
  /** Every session smtp-server opened (including ones that never sent a message). */
  readonly sessions = new Set<string>();
  private server?: SMTPServer;
  private queueId = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  async start(): Promise<{ port: number }> {
    const o = this.options;
    const cert = o.tls ? testCert() : undefined;
    const settings: SMTPServerOptions = {
      secure: o.tls === 'implicit',
      ...(cert ? { key: cert.key, cert: cert.cert } : {}),
      disabledCommands: [...(o.tls ? [] : ['STARTTLS']), ...(o.auth ? [] : ['AUTH'])],
      authOptional: !o.auth,
      allowInsecureAuth: true,
      hidePIPELINING: o.hidePipelining ?? false,
      disableReverseLookup: true,
      logger: false,
      // Sessions left hanging on purpose (stalls) are closed quickly when the test ends.
      closeTimeout: 100,
      onConnect: (session, callback) => {
        this.sessions.add(session.id);
        callback();
      },
      onAuth: (auth, _session, callback) => {
        if (o.auth && auth.username === o.auth.user && auth.password === o.auth.pass) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onMailFrom: (_address, _session, callback) => callback(o.rejectMail ? smtpError(o.rejectMail) : undefined),
      onRcptTo: (address, _session, callback) => {
        const reject = o.rejectRecipients?.[address.address];
        callback(reject ? smtpError(reject) : undefined);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => setTimeout(finish, o.dataReplyDelayMs ?? 0));
        const finish = () => {
          if (o.rejectData) return callback(smtpError(o.rejectData));
          const raw = Buffer.concat(chunks);
          const messageId = messageIdOf(raw);
          this.messages.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            ...(messageId ? { messageId } : {}),
            sessionId: session.id,
            secure: session.secure,
            ...(session.user ? { user: String(session.user) } : {}),
          });
          callback(null, `2.0.0 Ok: queued as SINK${++this.queueId}`);
        };
      },
    };
    this.server = new SMTPServer(settings);
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return { port: (this.server.server.address() as AddressInfo).port };
  }

  copiesOf(messageId: string): number {
    return this.messages.filter((m) => m.messageId === messageId).length;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
