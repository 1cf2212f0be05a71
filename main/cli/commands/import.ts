// `faxdesk import FILE`: imports one fax file as received (a running engine, or the next `run`, mails it).
import path from 'node:path';
import { parseReceivedSidecar } from '../../core/inbox/sidecar';
import { CommandError, type Command } from '../command';
import { withClientEngine } from '../engineFor';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import one PDF or TIFF fax as received, routed like a fax from the spool',
  usage: 'faxdesk import FILE [--from N] [--to N] [--csid S] [--data DIR]',
  options: { from: { type: 'string' }, to: { type: 'string' }, csid: { type: 'string' } },
  async run(context) {
    const [file, ...extra] = context.positionals;
    if (!file || extra.length > 0) throw new CommandError('Name exactly one fax file (PDF or TIFF).', 2);
    // The same checks as a sidecar: no line breaks or control characters, sane lengths.
    const details = parseReceivedSidecar(
      JSON.stringify({ from: context.values.from, to: context.values.to, csid: context.values.csid }),
    );
    if (!details.ok) throw new CommandError(details.reason.replace('fax details file', 'command line'), 2);
    const outcome = await withClientEngine(context, (engine) => engine.inbox.importer.importFile(path.resolve(file), details.value));
    switch (outcome.kind) {
      case 'imported': {
        const fax = outcome.fax;
        context.out(fax.id);
        context.note(
          `Imported ${path.basename(file)}: ${fax.pages} page${fax.pages === 1 ? '' : 's'}, ` +
            (fax.deliverTo.length > 0 ? `mail queued to ${fax.deliverTo.join(', ')}.` : 'not routed (set inbox.deliverTo or a routing rule).'),
        );
        return 0;
      }
      case 'duplicate':
        context.out(outcome.of);
        context.note(`This fax is already in the library as ${outcome.of}; it was not imported again.`);
        return 0;
      case 'rejected':
        throw new CommandError(`${path.basename(file)} was not imported: ${outcome.reason}`);
      default:
        throw new CommandError(`${path.basename(file)} was not imported.`);
    }
  },
};
