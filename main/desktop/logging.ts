// The desktop app's log: one JSON object a line in a file (electron-log rotates it), with the engine's Logger shape.
// Whatever a caller passes, passwords, tokens and fax or mail content never reach the file.
import log from 'electron-log/main';
import type { LogFields, Logger, LogLevel } from '../core/logger';

// Matched at the end of a key, so smtpPassword and smtp.password are caught but contentType and authMethod are not.
const secretKey = /(password|passwd|secret|token|authorization|cookie|credentials?)$/i;
const contentKey = /(base64|content|image|pixels|attachment|body|raw|eml)$/i;
/** An SMTP AUTH line carries the password in base64: keep the verb, drop the rest. */
const authLine = /^(\s*(?:C:\s*)?AUTH\s+\S+)\s+.+$/im;
const maxString = 2000;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const cleaned = value.replace(authLine, '$1 [redacted]');
    return cleaned.length > maxString ? `${cleaned.slice(0, maxString)}… (${cleaned.length} characters)` : cleaned;
  }
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return { name: value.name, message: redactValue(value.message, depth) };
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, depth + 1));
  return redactFields(value as Record<string, unknown>, depth + 1);
}

/** Returns a copy of fields safe for a log file. */
export function redactFields<T extends Record<string, unknown>>(fields: T, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (secretKey.test(key)) out[key] = value === undefined || value === '' ? value : '[redacted]';
    else if (contentKey.test(key)) out[key] = '[omitted]';
    else out[key] = redactValue(value, depth);
  }
  return out;
}

export interface FileLogger extends Logger {
  /** The current log file, for "Show log files". */
  readonly filePath: string;
}

export function createFileLogger(options: { minLevel?: LogLevel; console?: boolean } = {}): FileLogger {
  const minLevel = options.minLevel ?? 'info';
  log.transports.file.level = minLevel;
  log.transports.file.format = '{text}';
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.console.level = options.console ? minLevel : false;
  const make = (base: Partial<LogFields>): Logger => ({
    log(level, fields, message) {
      const entry = redactFields({ time: new Date().toISOString(), level, msg: message, ...base, ...fields });
      log[level](JSON.stringify(entry));
    },
    child: (fields) => make({ ...base, ...fields }),
  });
  return Object.assign(make({}), {
    get filePath() {
      return log.transports.file.getFile().path;
    },
  });
}
