// `faxdesk send`: composes one message and puts it in the outbox (a running engine, or the next `run`, delivers it).
import path from 'node:path';
import { CommandError, type Command } from '../command';
import { strings, withClientEngine } from '../engineFor';

export const sendCommand: Command = {
  name: 'send',
  summary: 'Put one message in the outbox',
  usage: 'faxdesk send --to ADDR [--to ADDR…] --subject S [--text T] [--attach FILE…] [--data DIR]',
  options: {
    to: { type: 'string', multiple: true },
    subject: { type: 'string' },
    text: { type: 'string' },
    attach: { type: 'string', multiple: true },
  },
  async run(context) {
    const to = strings(context.values.to);
    if (to.length === 0) throw new CommandError('--to is required (an e-mail address; repeat it for more).', 2);
    if (typeof context.values.subject !== 'string') throw new CommandError('--subject is required.', 2);
    const subject = context.values.subject;
    const message = await withClientEngine(context, (engine) =>
      engine.outbox.enqueue({
        kind: 'manual',
        to,
        subject,
        text: typeof context.values.text === 'string' ? context.values.text : '',
        attachments: strings(context.values.attach).map((file) => ({ path: path.resolve(file) })),
      }),
    );
    context.out(message.id);
    context.note(`Queued ${message.messageId} to ${message.to.join(', ')} (${message.state}); "faxdesk run" delivers it.`);
    return 0;
  },
};
