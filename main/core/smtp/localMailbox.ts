// The built-in mailbox (smtp.host = 'local'): an in-process SMTP server on 127.0.0.1 that stores each accepted message as an .eml file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '../logger';

/** Messages larger than this are refused with 552 (RFC 1870). */
const MAX_MESSAGE_BYTES = 200 * 1024 * 1024;

export interface MailboxEntry {
  file: string;
  size: number;
  receivedAt: string;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** fsync a directory so a rename in it survives a crash (POSIX; Windows cannot open directories, where it is skipped). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported on this platform
  }
}

export class LocalMailbox {
  private server?: SMTPServer;
  private readonly dir: string;
  private readonly logger: Logger;

  constructor(opts: { dir: string; logger: Logger }) {
    this.dir = opts.dir;
    this.logger = opts.logger.child({ component: 'smtp', tnx: 'local-mailbox' });
  }

  async start(): Promise<{ port: number }> {
    await mkdir(this.dir, { recursive: true });
    const server = new SMTPServer({
      name: 'faxdesk-local-mailbox',
      banner: 'faxdesk local mailbox',
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      disableReverseLookup: true,
      size: MAX_MESSAGE_BYTES,
      logger: false,
      closeTimeout: 1000,
      onData: (stream, session, callback) => {
        this.store(stream, session.id).then(
          (queueId) => callback(null, `2.0.0 Ok: queued as ${queueId}`),
          (err: Error & { responseCode?: number }) => callback(err.responseCode ? err : smtpError(451, `4.3.0 Could not store the message: ${err.message}`)),
        );
      },
    });
    server.on('error', (err) => this.logger.log('error', { component: 'smtp' }, `local mailbox: ${err.message}`));
    // Only this machine may deliver into it.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const port = (server.server.address() as AddressInfo).port;
    this.logger.log('info', { component: 'smtp', port, dir: this.dir }, 'local mailbox listening');
    return { port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async list(): Promise<MailboxEntry[]> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.eml') && !name.startsWith('.')).sort();
    return Promise.all(
      names.map(async (name) => {
        const file = join(this.dir, name);
        const info = await stat(file);
        return { file, size: info.size, receivedAt: info.mtime.toISOString() };
      }),
    );
  }

  /**
   * Writes to a temp name, fsyncs, renames, fsyncs the folder; only then may the 250 go out. RFC 5321 4.1.1.4: with
   * that reply the receiver takes responsibility for the message, so it must be on disk first.
   */
  private async store(stream: NodeJS.ReadableStream & { sizeExceeded?: boolean }, sessionId: string): Promise<string> {
    const queueId = randomBytes(6).toString('hex').toUpperCase();
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const temp = join(this.dir, `.${queueId}.eml.tmp`);
    const final = join(this.dir, `${stamp}-${queueId}.eml`);
    const handle = await open(temp, 'wx');
    try {
      // Chunk by chunk: a large fax never sits in memory whole.
      for await (const chunk of stream) await handle.write(chunk as Buffer);
      if (stream.sizeExceeded) throw smtpError(552, `5.3.4 Message larger than ${MAX_MESSAGE_BYTES} bytes`);
      await handle.sync();
      await handle.close();
      await rename(temp, final);
      await syncDir(this.dir);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      this.logger.log('warn', { component: 'smtp', sessionId, queueId }, `local mailbox did not store a message: ${(err as Error).message}`);
      throw err;
    }
    this.logger.log('info', { component: 'smtp', sessionId, queueId, file: final }, 'local mailbox stored a message');
    return queueId;
  }
}
