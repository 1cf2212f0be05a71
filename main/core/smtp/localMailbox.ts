// The built-in mailbox (smtp.host = 'local'): an in-process SMTP server on 127.0.0.1 that stores each accepted message as
// an .eml file, and reads one back for the window.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import PostalMime, { decodeWords, type Address, type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { mailboxFileSchema, type MailboxMessageView } from '../../../shared/contract';
import type { Logger } from '../logger';
import { openRegularFile } from '../openRegularFile';

/** Messages larger than this are refused with 552 (RFC 1870). */
const MAX_MESSAGE_BYTES = 200 * 1024 * 1024;
/**
 * What read() parses of one message at most. A mail with a fax is a few MB; one larger is read only this far (its
 * text comes first, the attachments after it), since postal-mime holds the whole message and its decoded parts in memory.
 */
export const MAX_READ_BYTES = 32 * 1024 * 1024;
/** The longest text read() returns: any letter fits, and one IPC reply stays small. */
export const MAX_TEXT_CHARS = 200_000;
/** Where list views look for a message's Subject: the header block of any message faxdesk writes fits. */
const SUBJECT_READ_BYTES = 8192;
/** A fax mail has a handful of parts; postal-mime's own limit (10,000) is for mail servers. */
const MAX_PARTS = 1000;

/** Why read() could not return a message: the handler turns the reason into an error code. */
export class MailboxError extends Error {
  constructor(
    readonly reason: 'invalid-name' | 'not-found' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'MailboxError';
  }
}

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
   * The Subject header of a stored message (RFC 2047 words decoded, as read() shows it), from its first few KB only;
   * null where it has none or cannot be read. `name` as list() names it.
   */
  async subjectOf(name: string): Promise<string | null> {
    if (!mailboxFileSchema.safeParse(name).success) return null;
    try {
      const { bytes } = await readHead(join(this.dir, name), name, SUBJECT_READ_BYTES);
      const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
      const subject = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ').trim();
      return subject === undefined ? null : oneLine(decodeWords(subject));
    } catch {
      return null;
    }
  }

  /**
   * One stored message, parsed: `name` must be a file directly in the mailbox folder, as list() names it (its base
   * name). Links are not followed, and at most MAX_READ_BYTES are read. Throws only MailboxError.
   */
  async read(name: string): Promise<MailboxMessageView> {
    // The IPC contract refuses paths already; the mailbox checks again rather than trust every caller to.
    if (!mailboxFileSchema.safeParse(name).success) throw new MailboxError('invalid-name', `"${name.slice(0, 80)}" is not the name of a message in the local mailbox.`);
    const { bytes, sizeBytes, receivedAt } = await readHead(join(this.dir, name), name);
    let email: Email;
    try {
      email = await PostalMime.parse(bytes, { maxPartCount: MAX_PARTS });
    } catch (error) {
      throw new MailboxError('unreadable', `${name} could not be read as a message: ${(error as Error).message}`);
    }
    const [source, body] = email.text !== undefined ? (['plain', email.text] as const) : email.html !== undefined ? (['html', htmlToText(email.html)] as const) : (['none', ''] as const);
    const text = body.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    return {
      file: name,
      sizeBytes,
      receivedAt,
      from: email.from ? (mailboxes([email.from])[0] ?? null) : null,
      to: mailboxes(email.to),
      cc: mailboxes(email.cc),
      subject: email.subject === undefined ? null : oneLine(email.subject),
      date: email.date === undefined ? null : oneLine(email.date),
      messageId: email.messageId === undefined ? null : oneLine(email.messageId),
      text: text.slice(0, MAX_TEXT_CHARS),
      textFrom: source,
      textTruncated: text.length > MAX_TEXT_CHARS,
      attachments: email.attachments.map((attachment) => ({
        filename: attachment.filename === null ? null : oneLine(attachment.filename),
        mimeType: oneLine(attachment.mimeType).slice(0, 100),
        sizeBytes: typeof attachment.content === 'string' ? attachment.content.length : attachment.content.byteLength,
      })),
      readBytes: bytes.byteLength,
    };
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

/** The first MAX_READ_BYTES of a stored message, never through a link and never waiting on a FIFO. */
async function readHead(file: string, name: string, maxBytes = MAX_READ_BYTES): Promise<{ bytes: Uint8Array; sizeBytes: number; receivedAt: string }> {
  const notFound = () => new MailboxError('not-found', `The local mailbox holds no message ${name}.`);
  // lstat, not stat: a link placed in the folder must not expose a file from elsewhere on the disk.
  const link = await lstat(file).catch(() => undefined);
  if (!link?.isFile()) throw notFound();
  const opened = await openRegularFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ELOOP' || error.code === 'EMLINK') throw notFound();
    throw new MailboxError('unreadable', `${name} could not be opened (${error.code ?? error.message}).`);
  });
  if (!opened) throw notFound();
  const { handle, size, mtime } = opened;
  try {
    const bytes = new Uint8Array(Math.min(size, maxBytes));
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), sizeBytes: size, receivedAt: mtime.toISOString() };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A header value for one line on screen: no control characters, no bidirectional overrides that could disguise it. */
function oneLine(value: string): string {
  return value
    .replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 998);
}

/** "Name <address>" for each mailbox, the members of a group included. */
function mailboxes(list: Address[] | undefined): string[] {
  return (list ?? [])
    .flatMap((entry) => entry.group ?? [entry])
    .map((mailbox) => oneLine(mailbox.name && mailbox.address ? `${mailbox.name} <${mailbox.address}>` : mailbox.name || mailbox.address || ''))
    .filter(Boolean);
}

const skippedElements = new Set(['script', 'style', 'head', 'title', 'template']);
const blockElements = new Set(['p', 'div', 'br', 'tr', 'table', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer']);
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', euro: '€', copy: '©', reg: '®' };

/**
 * The words of an HTML body, for a message that has no plain-text part: one pass over its tags (linear however the
 * markup is broken), blocks on lines of their own, scripts and styles left out, the common entities decoded.
 */
export function htmlToText(html: string): string {
  let out = '';
  let skipping: string | undefined;
  for (const [token] of html.matchAll(/<!--[\s\S]*?(?:-->|$)|<[a-z/!?][^>]*>?|<|[^<]+/gi)) {
    if (token.length === 1 || !token.startsWith('<')) {
      if (!skipping) out += token.replace(/\s+/g, ' ');
      continue;
    }
    // Comments, doctypes and processing instructions have no element name and say nothing.
    const [, closing, tagName = ''] = /^<(\/?)([a-z][a-z0-9]*)/i.exec(token) ?? [];
    const element = tagName.toLowerCase();
    if (skipping) {
      if (closing && element === skipping) skipping = undefined;
    } else if (skippedElements.has(element) && !closing && !token.endsWith('/>')) {
      skipping = element;
    } else if (blockElements.has(element)) {
      // An item starts its own line; the next item or the list's end closes it.
      if (element !== 'li') out += '\n';
      else if (!closing) out += '\n• ';
    } else if ((element === 'td' || element === 'th') && !closing) {
      out += ' ';
    }
  }
  return out
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (entity, code: string) => {
      if (code[0] !== '#') return namedEntities[code.toLowerCase()] ?? entity;
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    })
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
