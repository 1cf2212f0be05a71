// The preference schema: every key of config.json, its default and what it allows. Shared by the engine (conf),
// the desktop app (electron-store) and the Preferences view, so a bad value is refused the same way everywhere.
import { z } from 'zod';

const address = z.email({ message: 'must be an e-mail address such as fax@example.com' });
const seconds = (min: number, max: number) =>
  z.number().int().min(min, { message: `must be a whole number of seconds from ${min} to ${max}` }).max(max, {
    message: `must be a whole number of seconds from ${min} to ${max}`,
  });

/** A fax number pattern: digits, +, spaces, dashes and `*` wildcards ("+4930*"). */
const numberPattern = z
  .string()
  .max(64)
  .regex(/^[0-9+*#()\s-]*$/, { message: 'may hold only digits, + # ( ) - spaces and * wildcards' });

export const routeSchema = z
  .object({
    match: z
      .object({
        to: numberPattern.optional(),
        from: numberPattern.optional(),
        csid: z.string().max(64).optional(),
      })
      .strict(),
    deliverTo: z.array(address).min(1, { message: 'needs at least one address' }),
  })
  .strict();
export type Route = z.infer<typeof routeSchema>;

/** Each key with its schema and default; dotted keys are paths in config.json. */
export const prefSchemas = {
  /** 'local' means the built-in local mailbox (an in-process SMTP server writing .eml files). */
  'smtp.host': z.string().trim().min(1, { message: 'must name a server, or "local" for the built-in mailbox' }).max(253),
  'smtp.port': z.number().int().min(1, { message: 'must be a port number from 1 to 65535' }).max(65535, {
    message: 'must be a port number from 1 to 65535',
  }),
  'smtp.security': z.enum(['none', 'starttls', 'tls'], { message: 'must be one of none, starttls, tls' }),
  'smtp.username': z.string().max(256),
  /** Stored encrypted by the desktop app; headless it may also come from FAXDESK_SMTP_PASSWORD or smtp.passwordFile. */
  'smtp.password': z.string().max(1024),
  'smtp.passwordFile': z.string().max(4096),
  'smtp.rejectUnauthorized': z.boolean({ message: 'must be true or false' }),
  'mail.from': address,
  'inbox.deliverTo': z.array(address),
  'inbox.routes': z.array(routeSchema),
  'inbox.maxFileMegabytes': z.number().min(1, { message: 'must be from 1 to 1024 megabytes' }).max(1024, {
    message: 'must be from 1 to 1024 megabytes',
  }),
  'notifications.sentTo': z.union([address, z.literal('')]),
  'delivery.treatDroppedQuitAsDelivered': z.boolean({ message: 'must be true or false' }),
  'delivery.holdUncertain': z.boolean({ message: 'must be true or false' }),
  'delivery.maxAttempts': z.number().int().min(1, { message: 'must be a whole number from 1 to 100' }).max(100, {
    message: 'must be a whole number from 1 to 100',
  }),
  'delivery.maxAgeHours': z.number().min(1, { message: 'must be from 1 to 8760 hours' }).max(8760, {
    message: 'must be from 1 to 8760 hours',
  }),
  'delivery.retryMinSeconds': seconds(1, 86_400),
  'delivery.retryMaxSeconds': seconds(1, 7 * 86_400),
  'delivery.quitTimeoutSeconds': seconds(1, 600),
  /** RFC 5321 4.5.3.2 minimum: 10 minutes for the reply to the final dot. */
  'delivery.dataTimeoutSeconds': seconds(1, 3600),
  /** RFC 5321 4.5.3.2 minimum: 5 minutes for the greeting and MAIL/RCPT replies. */
  'delivery.commandTimeoutSeconds': seconds(1, 3600),
  'delivery.connections': z.number().int().min(1, { message: 'must be a whole number from 1 to 16' }).max(16, {
    message: 'must be a whole number from 1 to 16',
  }),
  /** Empty means `spool/` in the data folder. */
  'spool.dir': z.string().max(4096),
} as const;

export type PrefKey = keyof typeof prefSchemas;
export type Prefs = { [K in PrefKey]: z.output<(typeof prefSchemas)[K]> };

export const prefDefaults: Prefs = {
  'smtp.host': 'local',
  'smtp.port': 25,
  'smtp.security': 'none',
  'smtp.username': '',
  'smtp.password': '',
  'smtp.passwordFile': '',
  'smtp.rejectUnauthorized': true,
  'mail.from': 'faxdesk@localhost.localdomain',
  'inbox.deliverTo': [],
  'inbox.routes': [],
  'inbox.maxFileMegabytes': 50,
  'notifications.sentTo': '',
  'delivery.treatDroppedQuitAsDelivered': true,
  'delivery.holdUncertain': false,
  'delivery.maxAttempts': 5,
  'delivery.maxAgeHours': 120,
  'delivery.retryMinSeconds': 300,
  'delivery.retryMaxSeconds': 3600,
  'delivery.quitTimeoutSeconds': 30,
  'delivery.dataTimeoutSeconds': 600,
  'delivery.commandTimeoutSeconds': 300,
  'delivery.connections': 2,
  'spool.dir': '',
};

export const prefKeys = Object.keys(prefSchemas) as PrefKey[];

export function isPrefKey(key: string): key is PrefKey {
  return Object.hasOwn(prefSchemas, key);
}

export type PrefCheck<K extends PrefKey> = { ok: true; value: Prefs[K] } | { ok: false; message: string };

/** Checks one value against its key's schema; the message names the key and what is allowed. */
export function checkPref<K extends PrefKey>(key: K, value: unknown): PrefCheck<K> {
  const parsed = prefSchemas[key].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as Prefs[K] };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${key}[${issue.path.join('.')}]` : key;
  return { ok: false, message: `${where} ${issue?.message ?? 'is not allowed'}` };
}

/** Cross-key rules that a single key's schema cannot state. */
export function checkPrefsTogether(prefs: Prefs): string | undefined {
  if (prefs['delivery.retryMinSeconds'] > prefs['delivery.retryMaxSeconds']) {
    return 'delivery.retryMinSeconds must not be larger than delivery.retryMaxSeconds';
  }
  return undefined;
}
