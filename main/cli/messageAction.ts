// The shape of `faxdesk retry|cancel|release ID`: one message, found by its id or a unique prefix of it.
import type { MessageSummary } from '../../shared/contract';
import type { OutboxQueue } from '../core/outbox/outboxQueue';
import { CommandError, type Command } from './command';
import { withClientEngine } from './engineFor';

export function messageAction(name: string, summary: string, act: (outbox: OutboxQueue, id: string) => MessageSummary): Command {
  return {
    name,
    summary,
    usage: `faxdesk ${name} ID [--data DIR]`,
    async run(context) {
      const [given] = context.positionals;
      if (!given || context.positionals.length > 1) throw new CommandError(`usage: faxdesk ${name} ID`, 2);
      const message = await withClientEngine(context, (engine) => act(engine.outbox, engine.messages.resolveId(given)), { existing: true });
      context.out(`${message.id} ${message.state}`);
      return 0;
    },
  };
}
