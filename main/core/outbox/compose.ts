// Composition at enqueue: checks every header value, builds the MIME message once (MailComposer) with its Message-ID
// fixed, and writes it durably as an .eml (temp name, fsync, rename), so every retry sends the same bytes.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';
import type { MessageKind } from '../../../shared/contract';
import type { Clock } from '../clock';
import { CoalescedSync, fsyncPath } from '../durableSync';

export interface AttachmentInput {
  filename?: string;
  /** Read (streamed) from this file when the message is composed; never held whole in memory. */
  path: string;
  contentType?: string;
}

export interface EnqueueInput {
  kind: MessageKind;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: AttachmentInput[];
  faxId?: string | null;
  /**
   * The message's id, where the caller must know it before the message is stored: a sent-fax report records the id
   * first, so after a crash a restart can tell whether its notification was queued. Otherwise a new one is made.
   */
  id?: string;
}

export interface ComposedMessage {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  /** Absolute path of the final .eml. */
  file: string;
  sizeBytes: number;
}

/** A message that cannot be composed, with a sentence saying which value is wrong. */
export class ComposeError extends Error {
  override name = 'ComposeError';
}

const addressSchema = z.email();
// RFC 5322 2.2: header fields are lines; a CR or LF in a value would start a new header (header injection).
const controlCharacter = /[\u0000-\u001f\u007f]/;

function describeControl(value: string): string {
  const found = controlCharacter.exec(value)?.[0] ?? '';
  if (found === '\r') return 'a carriage return (CR)';
  if (found === '\n') return 'a line feed (LF)';
  return `a control character (U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}

function checkHeaderText(what: string, value: string, maxLength = 998): void {
  if (controlCharacter.test(value)) throw new ComposeError(`The ${what} contains ${describeControl(value)}, which could forge mail headers; it was refused.`);
  if (value.length > maxLength) throw new ComposeError(`The ${what} is longer than ${maxLength} characters.`);
}

export function checkAddress(what: string, address: string): string {
  checkHeaderText(what, address, 320);
  const trimmed = address.trim();
  if (!addressSchema.safeParse(trimmed).success) throw new ComposeError(`The ${what} "${trimmed}" is not an e-mail address.`);
  return trimmed;
}

/** The domain for Message-IDs: the sender's, as RFC 5322 3.6.4 suggests (`<unique@domain>`). */
export function messageIdFor(id: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'localhost';
  return `<${id}@${domain}>`;
}

/** Checks everything that becomes a header, before any file is written. */
export async function checkEnqueueInput(input: EnqueueInput, from: string): Promise<void> {
  checkAddress('sender address (mail.from)', from);
  if (input.to.length === 0) throw new ComposeError('The message needs at least one recipient.');
  if (input.to.length > 100) throw new ComposeError('The message has more than 100 recipients.');
  input.to.forEach((address) => checkAddress('recipient address', address));
  checkHeaderText('subject', input.subject);
  for (const attachment of input.attachments ?? []) {
    const name = attachment.filename ?? path.basename(attachment.path);
    checkHeaderText('attachment name', name, 255);
    if (attachment.contentType !== undefined) checkHeaderText('attachment type', attachment.contentType, 255);
    const stat = await fsp.stat(attachment.path).catch((error: NodeJS.ErrnoException) => {
      throw new ComposeError(`The attachment ${attachment.path} cannot be read (${error.code ?? error.message}).`);
    });
    if (!stat.isFile()) throw new ComposeError(`The attachment ${attachment.path} is not a file.`);
  }
}

/**
 * RFC 5322 2.3: lines end in CRLF, never a lone CR or LF. MailComposer writes its own headers, base64 and
 * quoted-printable lines with CRLF, so only the caller's text can hold other line ends: normalising it here spares a
 * pass over every byte of every message (its `newline: 'win'` transform), attachments included.
 */
const crlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');

export class MessageComposer {
  constructor(
    private readonly outboxDir: string,
    private readonly clock: Clock,
  ) {}

  /** Composes and stores one message; throws ComposeError for a bad value, with nothing left on disk. */
  async compose(input: EnqueueInput, from: string): Promise<ComposedMessage> {
    await checkEnqueueInput(input, from);
    const id = input.id ?? crypto.randomUUID();
    const to = input.to.map((address) => address.trim());
    const messageId = messageIdFor(id, from);
    const mail = new MailComposer({
      from,
      to,
      subject: input.subject,
      text: crlf(input.text),
      ...(input.html === undefined ? {} : { html: crlf(input.html) }),
      messageId,
      date: new Date(this.clock.now()),
      // Only files the caller named are read; a URL in content could make the engine fetch from anywhere.
      disableUrlAccess: true,
      headers: { 'X-Mailer': 'faxdesk' },
      attachments: (input.attachments ?? []).map((attachment) => ({
        filename: attachment.filename ?? path.basename(attachment.path),
        path: attachment.path,
        ...(attachment.contentType === undefined ? {} : { contentType: attachment.contentType }),
      })),
    });
    const file = path.join(this.outboxDir, `${id}.eml`);
    const sizeBytes = await writeDurably(file, () => mail.compile().createReadStream());
    return { id, messageId, from, to, file, sizeBytes };
  }
}

const WRITE_BATCH_BYTES = 256 * 1024;

/** Writes a stream to a temp name, fsyncs it, renames it into place and fsyncs the folder; returns the size. */
export async function writeDurably(file: string, source: () => AsyncIterable<Buffer | string>): Promise<number> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await openCreating(temp);
  let size = 0;
  try {
    // Streamed: an attachment is never held whole in memory. The composer's many small chunks are gathered into one
    // write of up to WRITE_BATCH_BYTES, so a message costs a few system calls rather than one per chunk.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length > 0) await handle.writev(batch);
      batch = [];
      batchBytes = 0;
    };
    for await (const chunk of source()) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      batch.push(buffer);
      batchBytes += buffer.length;
      size += buffer.length;
      if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    await flush();
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.rm(temp, { force: true });
    throw error instanceof ComposeError ? error : new ComposeError(`The message could not be written: ${(error as Error).message}`);
  }
  await handle.close();
  await fsp.rename(temp, file);
  await directorySync(dir).sync();
  return size;
}

/** Creates `file` (never an existing one), and its folder when that is missing: the folder is there for all but the first. */
async function openCreating(file: string): Promise<fsp.FileHandle> {
  try {
    return await fsp.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fsp.mkdir(path.dirname(file), { recursive: true });
    return fsp.open(file, 'wx');
  }
}

const directorySyncs = new Map<string, CoalescedSync>();

/** The rename is durable only once the folder's entry is on disk; a burst of renames shares the folder syncs. */
function directorySync(dir: string): CoalescedSync {
  let sync = directorySyncs.get(dir);
  if (!sync) directorySyncs.set(dir, (sync = new CoalescedSync(() => fsyncPath(dir, true))));
  return sync;
}
