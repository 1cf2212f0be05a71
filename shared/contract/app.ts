// The app domain: what the engine is and how it is doing (the thin slice every other domain follows).
import { z } from 'zod';
import { method } from './define';

export const engineStatusSchema = z.enum(['starting', 'running', 'stopping', 'stopped', 'error']);

export const engineStateSchema = z.object({
  status: engineStatusSchema,
  /** One sentence for the status bar, e.g. "Delivering 2 messages". */
  detail: z.string(),
  since: z.iso.datetime(),
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
