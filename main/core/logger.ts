// Structured logging: one object per event with ids ({ component, messageId, ... }); never a password or fax image.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown> & { component: string };

export interface Logger {
  log(level: LogLevel, fields: LogFields, message: string): void;
  child(fields: Partial<LogFields>): Logger;
}

const levelOrder: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes JSON lines to a stream (stderr by default), so stdout stays free for command results. */
export function createJsonLogger(
  options: { minLevel?: LogLevel; write?: (line: string) => void; base?: Partial<LogFields> } = {},
): Logger {
  const minLevel = options.minLevel ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const make = (base: Partial<LogFields>): Logger => ({
    log(level, fields, message) {
      if (levelOrder[level] < levelOrder[minLevel]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...base, ...fields }));
    },
    child: (fields) => make({ ...base, ...fields }),
  });
  return make(options.base ?? {});
}

/** A logger that keeps entries in memory: for tests that assert on what was logged. */
export function createMemoryLogger(): Logger & { entries: Array<{ level: LogLevel; message: string } & LogFields> } {
  const entries: Array<{ level: LogLevel; message: string } & LogFields> = [];
  const make = (base: Partial<LogFields>): Logger => ({
    log: (level, fields, message) => entries.push({ level, message, ...base, ...fields }),
    child: (fields) => make({ ...base, ...fields }),
  });
  return Object.assign(make({}), { entries });
}

export const silentLogger: Logger = { log: () => {}, child: () => silentLogger };
