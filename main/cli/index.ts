// The faxdesk command: parses the command line and hands over to one command. Results on stdout, notes on stderr.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createJsonLogger } from '../core/logger';
import { appVersion } from '../core/version';
import { CommandError, defaultDataDir, type Command } from './command';
import { cancelCommand } from './commands/cancel';
import { diagnoseCommand } from './commands/diagnose';
import { importCommand } from './commands/import';
import { prefsCommand } from './commands/prefs';
import { releaseCommand } from './commands/release';
import { retryCommand } from './commands/retry';
import { runCommand } from './commands/run';
import { sendCommand } from './commands/send';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';

const commands: Command[] = [runCommand, sendCommand, importCommand, statusCommand, prefsCommand, diagnoseCommand, retryCommand, cancelCommand, releaseCommand, serveCommand];

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  return [
    `faxdesk ${appVersion}: a fax client with a durable SMTP outbox that never sends a message twice.`,
    '',
    'Usage: faxdesk <command> [options]      (from the repository: npm run faxdesk -- <command>)',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Options for every command:',
    '  --data DIR   the data folder (default: $FAXDESK_DATA or ~/.faxdesk)',
    '  --verbose    log debug details to stderr',
    '  --help       this text, or a command\'s usage with "faxdesk <command> --help"',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText() + '\n');
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    process.stdout.write(appVersion + '\n');
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`faxdesk: "${name}" is not a command. Run "faxdesk --help" for the list.\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ...command.options,
        data: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    process.stderr.write(`faxdesk ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${command.usage}\n${command.summary}.\n`);
    return 0;
  }
  const dataDir = typeof parsed.values.data === 'string' ? path.resolve(parsed.values.data) : defaultDataDir();
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  try {
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      dataDir,
      logger: createJsonLogger({ minLevel: parsed.values.verbose ? 'debug' : 'warn' }),
      out: (line) => process.stdout.write(line + '\n'),
      note: (line) => process.stderr.write(line + '\n'),
      stopSignal,
    });
  } catch (error) {
    if (error instanceof CommandError) {
      process.stderr.write(`faxdesk ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`faxdesk ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`faxdesk: ${String(error)}\n`);
    process.exit(1);
  },
);
