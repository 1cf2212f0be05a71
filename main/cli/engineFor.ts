// How a command gets its engine: a delivering one holds the data folder's lock; a client one works beside it.
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

/** Runs fn with a client engine, stopping it afterwards; the store's refusals become one-line command errors. */
export async function withClientEngine<T>(context: Pick<CommandContext, 'dataDir' | 'logger'>, fn: (engine: Engine) => Promise<T> | T): Promise<T> {
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
