// The app domain: what the engine is and how it is doing (the thin slice every other domain follows).
import { z } from 'zod';
import { method } from './define';

export const engineStatusSchema = z.enum(['starting', 'running', 'stopping', 'stopped', 'error']);

export const engineStateSchema = z.object({
  status: engineStatusSchema,
  /** One sentence for the status bar, e.g. "Delivering 2 messages". */
  detail: z.string(),
  since: z.iso.datetime(),
  /** Messages in an SMTP session right now. */
  delivering: z.number().int().nonnegative().default(0),
  nextRetryAt: z.string().nullable().default(null),
  /** The server did not answer the last session at all (e.g. "mail.example.com:25 did not answer (ECONNREFUSED)"). */
  unreachable: z.string().nullable().default(null),
  /** Where mail goes: the built-in local mailbox or the configured server. */
  target: z.object({ local: z.boolean(), label: z.string() }).nullable().default(null),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const appInfoSchema = z.object({
  name: z.literal('faxdesk'),
  version: z.string(),
  dataDir: z.string(),
  engine: engineStateSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const noParams = z.object({}).strict();

export const appMethods = {
  'app:info': method(noParams, appInfoSchema),
};

export const appEvents = {
  'app:onDidChangeState': engineStateSchema,
};
