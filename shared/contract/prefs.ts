// The preferences domain: read and change settings (checked by shared/prefs), diagnose the server, the local mailbox.
import { z } from 'zod';
import { prefSchemas } from '../prefs';
import { method } from './define';

/** Preferences as the window sees them: every key, but never the password itself. */
export const prefsViewSchema = z.object({
  values: z.object({ ...prefSchemas, 'smtp.password': z.literal('') }),
  passwordSet: z.boolean(),
  /** Where the password is kept: encrypted by the OS, in an environment variable or file, or nowhere yet. */
  passwordStorage: z.enum(['os-encrypted', 'environment', 'file', 'plain', 'none']),
  configPath: z.string(),
});
export type PrefsView = z.infer<typeof prefsViewSchema>;

export const diagnoseReportSchema = z.object({
  ok: z.boolean(),
  target: z.string(),
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  /** true: answered QUIT with 221; false: dropped or answered otherwise; null: did not get that far. */
  quitAnswered: z.boolean().nullable(),
  recommendation: z.string(),
  text: z.string(),
});
export type DiagnoseReportView = z.infer<typeof diagnoseReportSchema>;

/**
 * A file as mailbox:list names it: one .eml directly inside the mailbox folder. A path (a slash, a backslash, a
 * drive's colon), a hidden or temporary name, or a control character can never name one, so they are refused here.
 */
export const mailboxFileSchema = z
  .string()
  .max(255)
  .regex(/^[^./\\:\x00-\x1f][^/\\:\x00-\x1f]*\.eml$/, { message: 'must be the name of an .eml file as mailbox:list gives it, not a path' });

/** One message of the local mailbox, read back for the window: its headers, its text and what is attached (never the attachments' bytes). */
export const mailboxMessageSchema = z.object({
  file: z.string(),
  sizeBytes: z.number(),
  receivedAt: z.string(),
  /** "Name <address>", or the address alone. */
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string().nullable(),
  /** ISO 8601 when the Date header could be read, else the header as written. */
  date: z.string().nullable(),
  messageId: z.string().nullable(),
  /** The plain-text part, or the HTML part turned into text when there is no plain one. */
  text: z.string(),
  textFrom: z.enum(['plain', 'html', 'none']),
  /** The text was cut at the length faxdesk shows. */
  textTruncated: z.boolean(),
  attachments: z.array(z.object({ filename: z.string().nullable(), mimeType: z.string(), sizeBytes: z.number() })),
  /** How much of the file was read: less than sizeBytes for a message larger than faxdesk parses, whose last attachment is then cut short. */
  readBytes: z.number(),
});
export type MailboxMessageView = z.infer<typeof mailboxMessageSchema>;

export const prefsMethods = {
  'prefs:get': method(z.object({}).strict(), prefsViewSchema),
  /**
   * Sets several keys at once, all or nothing. Unknown keys and bad values are refused with E_INVALID_PREFERENCE,
   * the message naming the key. The password is set here too and never read back.
   */
  'prefs:set': method(z.object({ values: z.record(z.string().max(100), z.unknown()) }).strict(), prefsViewSchema),
  'server:diagnose': method(z.object({}).strict(), diagnoseReportSchema),
  'mailbox:list': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({
      dir: z.string(),
      /** `file` is the name inside `dir`, as mailbox:read takes it. */
      items: z.array(z.object({ file: z.string(), sizeBytes: z.number(), receivedAt: z.string(), subject: z.string().nullable() })),
    }),
  ),
  /** Refuses anything but a name from mailbox:list (E_INVALID_PAYLOAD); E_NOT_FOUND when no such message is stored. */
  'mailbox:read': method(z.object({ file: mailboxFileSchema }).strict(), mailboxMessageSchema),
};

export const prefsEvents = {
  'prefs:onDidChange': prefsViewSchema,
};
