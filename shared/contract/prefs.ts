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
      items: z.array(z.object({ file: z.string(), sizeBytes: z.number(), receivedAt: z.string(), subject: z.string().nullable() })),
    }),
  ),
};

export const prefsEvents = {
  'prefs:onDidChange': prefsViewSchema,
};
