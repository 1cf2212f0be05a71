// `faxdesk serve`: the engine under plain Node with its window served to a browser on 127.0.0.1.
import { BrowserServer } from '../browserServer';
import { CommandError, projectRoot, type Command } from '../command';
import { openEngine } from '../engineFor';
import { ensureRendererBuilt } from '../rendererBuild';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the engine and serve the faxdesk window to a browser on this computer',
  usage: 'faxdesk serve [--data DIR] [--port N]',
  options: { port: { type: 'string' } },
  async run({ values, dataDir, logger, out, note, stopSignal }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port must be a number from 0 to 65535, not "${String(values.port)}".`);
    const rendererDir = await ensureRendererBuilt(projectRoot, note);
    const engine = await openEngine({ dataDir, logger }, 'deliver', 'faxdesk serve');
    const server = new BrowserServer({ engine, rendererDir, logger, port });
    let started;
    try {
      started = await server.start();
    } catch (error) {
      await engine.stop();
      const code = (error as NodeJS.ErrnoException).code;
      throw new CommandError(code === 'EADDRINUSE' ? `Port ${port} is in use: choose another with --port, or leave it out for a free one.` : String(error));
    }
    note(`faxdesk is serving its window for the data folder ${engine.dataDir}.`);
    note('Open this address in a browser on this computer (Ctrl+C stops):');
    out(started.url);
    await stopSignal;
    note('Stopping…');
    await server.stop();
    await engine.stop();
    return 0;
  },
};
