// Reads the JSON files the fax line writes next to a fax (received/NAME.json) and for a sent fax (sent/NAME.json).
//
// Every value may end up in a mail header (subject, attachment name) or the history, so a value with a line break or
// another control character is refused outright rather than cleaned: a sidecar carrying one is broken or hostile.
import { z } from 'zod';
import { readSpoolFile } from './faxFile';
import { FaxFileError } from './faxFileError';

export type SidecarResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators that some mail clients also break on. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
export const MAX_VALUE_LENGTH = 256;
/** A failure text from the fax line (modem diagnostics) may run longer than a number or name. */
export const MAX_ERROR_LENGTH = 1000;
/** A sidecar is a handful of short fields; anything bigger is not one. */
export const MAX_SIDECAR_BYTES = 64 * 1024;
const MAX_PAGES = 1000;

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') })
    .max(max, { error: (issue) => `is ${String((issue.input as string).length)} characters long; at most ${max} are allowed` })
    .refine((value) => !CONTROL.test(value), { error: 'contains a line break or another control character, which is not allowed' })
    .transform((value) => value.trim());

/** Fax servers write null or "" for what they do not know; both mean "absent". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null || value === '' ? undefined : value), schema.optional());

const pages = z
  .number({ error: 'must be a number' })
  .int({ error: `must be a whole number from 1 to ${MAX_PAGES}` })
  .min(1, { error: `must be a whole number from 1 to ${MAX_PAGES}` })
  .max(MAX_PAGES, { error: `must be a whole number from 1 to ${MAX_PAGES}` });

// ISO 8601 as fax servers write it (with or without a zone); Date.parse alone would take "1" or "May" too.
const dateTime = text(64).refine((value) => /^\d{4}-\d{2}-\d{2}([T ]|$)/.test(value) && !Number.isNaN(Date.parse(value)), {
  error: 'must be a date and time such as 2026-12-03T14:05:00Z',
});

export const receivedSidecarSchema = z.object({
  from: optional(text(MAX_VALUE_LENGTH)),
  /** The called number (DID), used for routing. */
  to: optional(text(MAX_VALUE_LENGTH)),
  /** The sender's CSID / TSI: the station name the sending machine announces. */
  csid: optional(text(MAX_VALUE_LENGTH)),
  receivedAt: optional(dateTime),
  pages: optional(pages),
});
export type ReceivedSidecar = z.output<typeof receivedSidecarSchema>;

export const sentReportSchema = z.object({
  /** HylaFAX and others number their jobs, so a whole number is taken and kept as text. */
  jobId: z.union([z.number().int().nonnegative().transform(String), text(MAX_VALUE_LENGTH)], {
    error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text or a whole number'),
  }),
  to: text(MAX_VALUE_LENGTH).refine((value) => value.length > 0, { error: 'is empty' }),
  recipient: optional(text(MAX_VALUE_LENGTH)),
  pages: optional(pages),
  status: z.enum(['sent', 'failed'], {
    error: (issue) => (issue.input === undefined ? 'is missing' : 'must be "sent" or "failed"'),
  }),
  error: optional(text(MAX_ERROR_LENGTH)),
  completedAt: optional(dateTime),
  /** The address to tell; without it the caller uses notifications.sentTo. */
  notify: optional(text(MAX_VALUE_LENGTH).pipe(z.email({ error: 'must be an e-mail address such as fax@example.com' }))),
});
export type SentReport = z.output<typeof sentReportSchema>;

export function parseReceivedSidecar(text: string): SidecarResult<ReceivedSidecar> {
  return parseWith(receivedSidecarSchema, text, 'fax details file');
}

export function parseSentReport(text: string): SidecarResult<SentReport> {
  return parseWith(sentReportSchema, text, 'sent-fax report');
}

/** Reads received/NAME.json as warily as a fax: no link followed, no FIFO waited on, no more than 64 KB read. */
export function readReceivedSidecar(file: string): Promise<SidecarResult<ReceivedSidecar>> {
  return readWith(file, parseReceivedSidecar);
}

/** Reads sent/NAME.json as warily as a fax: no link followed, no FIFO waited on, no more than 64 KB read. */
export function readSentReport(file: string): Promise<SidecarResult<SentReport>> {
  return readWith(file, parseSentReport);
}

async function readWith<T>(file: string, parse: (text: string) => SidecarResult<T>): Promise<SidecarResult<T>> {
  let bytes: Uint8Array;
  try {
    ({ bytes } = await readSpoolFile(file, MAX_SIDECAR_BYTES));
  } catch (error) {
    if (error instanceof FaxFileError) return { ok: false, reason: error.message };
    throw error;
  }
  return parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

function parseWith<T extends z.ZodType<Record<string, unknown>>>(schema: T, input: string, what: string): SidecarResult<z.output<T>> {
  if (input.length > MAX_SIDECAR_BYTES) {
    return { ok: false, reason: `The ${what} is ${Math.ceil(input.length / 1024)} KB; at most ${MAX_SIDECAR_BYTES / 1024} KB is allowed.` };
  }
  // Windows tools often start UTF-8 text with a byte order mark, which JSON.parse refuses.
  const body = input.replace(/^\ufeff/, '');
  if (body.trim() === '') return { ok: false, reason: `The ${what} is empty.` };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `The ${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, reason: `The ${what} must be a JSON object such as {"from": "+49 30 1234"}, not ${describe(data)}.` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'value';
    return { ok: false, reason: `In the ${what}, ${field} ${issue?.message ?? 'is not allowed'}.` };
  }
  // Leave absent fields out rather than present as undefined, so the value reads the same after a JSON round trip.
  const value = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as z.output<T>;
  return { ok: true, value };
}

function describe(data: unknown): string {
  if (Array.isArray(data)) return 'a list';
  if (data === null) return 'null';
  return `a ${typeof data}`;
}
