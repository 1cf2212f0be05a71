// What every faxdesk command is: a name, its usage text, its options and a run function returning the exit code.
import os from 'node:os';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Logger } from '../core/logger';

export interface CommandContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  dataDir: string;
  logger: Logger;
  /** Results go to stdout. */
  out(line: string): void;
  /** Progress and human notes go to stderr. */
  note(line: string): void;
  /** Resolves when the user asks the command to stop (Ctrl+C, SIGTERM). */
  stopSignal: Promise<void>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(context: CommandContext): Promise<number>;
}

/** A failure the user can act on: printed as one line, exit code 1 (or the given one). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FAXDESK_DATA ? path.resolve(env.FAXDESK_DATA) : path.join(os.homedir(), '.faxdesk');
}

/** The repository root (this file is main/cli/command.ts). */
export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
