// `faxdesk run`: the delivering engine without a window; with --until-idle it exits once nothing is left to send.
import type { MessageCounts } from '../../../shared/contract';
import type { Command } from '../command';
import { openEngine } from '../engineFor';

function describe(counts: MessageCounts): string {
  return `${counts.delivered} delivered, ${counts.held} held, ${counts.failed} failed, ${counts.cancelled} cancelled`;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run the engine: import the spool and deliver the outbox until stopped (or until idle)',
  usage: 'faxdesk run [--until-idle] [--data DIR]',
  options: { 'until-idle': { type: 'boolean' } },
  async run({ values, dataDir, logger, note, stopSignal }) {
    const engine = await openEngine({ dataDir, logger }, 'deliver', 'faxdesk run');
    let lastDetail = '';
    const stopNotes = engine.onDidChangeState((state) => {
      if (state.detail !== lastDetail) note(`${state.status}: ${(lastDetail = state.detail)}`);
    });
    note(`faxdesk is delivering from ${engine.dataDir} to ${engine.state.target?.label ?? 'nowhere yet'}${values['until-idle'] ? ' until idle' : ' (Ctrl+C stops)'}.`);
    // The engine's timers do not hold the process open (the desktop app and tests own their lifetime); this command does.
    const keepAlive = setInterval(() => {}, 1 << 30);
    // --until-idle: first what waits in the spool (its mail joins the outbox), then deliver until nothing is left.
    const idle = values['until-idle'] ? engine.inbox.importWaiting().then(() => engine.outbox.whenIdle()) : new Promise(() => {});
    await Promise.race([idle, stopSignal]);
    clearInterval(keepAlive);
    stopNotes();
    const counts = engine.messages.counts();
    await engine.stop();
    note(`Stopped: ${describe(counts)}.`);
    return 0;
  },
};
