// How a command gets its engine: a delivering one holds the data folder's lock; a client one works beside it.
import fs from 'node:fs';
import { EngineLockedError } from '../core/dataLock';
import { NotFoundError, StateError } from '../core/store/messageRepository';
import { ComposeError } from '../core/outbox/compose';
import { createEngine, type Engine } from '../core/services';
import { CommandError, type CommandContext } from './command';

export async function openEngine(context: Pick<CommandContext, 'dataDir' | 'logger'>, role: 'deliver' | 'client', holder?: string): Promise<Engine> {
  try {
    return await createEngine({ dataDir: context.dataDir, logger: context.logger, role, ...(holder ? { holder } : {}) });
  } catch (error) {
    if (error instanceof EngineLockedError) throw new CommandError(error.message);
    throw error;
  }
}

/**
 * Runs fn with a client engine, stopping it afterwards; the store's refusals become one-line command errors. A command
 * that only reads or acts on what is there (status, retry) passes `existing`: a mistyped --data is then said, instead of
 * being answered from a new, empty data folder made on the spot.
 */
export async function withClientEngine<T>(
  context: Pick<CommandContext, 'dataDir' | 'logger'>,
  fn: (engine: Engine) => Promise<T> | T,
  options: { existing?: boolean } = {},
): Promise<T> {
  if (options.existing && !fs.existsSync(context.dataDir)) {
    throw new CommandError(`There is no faxdesk data folder at ${context.dataDir}: check --data (or FAXDESK_DATA), or start faxdesk there first.`);
  }
  const engine = await openEngine(context, 'client');
  try {
    return await fn(engine);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof StateError || error instanceof ComposeError) throw new CommandError(error.message);
    throw error;
  } finally {
    await engine.stop();
  }
}

export function strings(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
