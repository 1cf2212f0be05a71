// `faxdesk prefs list | get KEY | set KEY VALUE`: read and change config.json through the shared schema.
import { isPrefKey, prefKeys } from '../../../shared/prefs';
import { openConfBackend } from '../../core/prefs/confBackend';
import { PreferenceError, Preferences } from '../../core/prefs/preferences';
import { CommandError, type Command } from '../command';

/** VALUE is JSON when it parses as JSON (25, true, ["a@b.c"]), else the text itself (mail.example.com). */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const prefsCommand: Command = {
  name: 'prefs',
  summary: 'List, read or change preferences (config.json in the data folder)',
  usage: 'faxdesk prefs list | get KEY | set KEY VALUE [--data DIR]',
  async run({ positionals, dataDir, logger, out, note }) {
    const [action, key, value, ...extra] = positionals;
    const backend = openConfBackend(dataDir);
    const prefs = new Preferences(backend, { env: process.env, logger });
    try {
      const view = prefs.view();
      switch (action) {
        case 'list':
          for (const name of prefKeys) out(`${name} = ${JSON.stringify(view.values[name])}`);
          note(`Password: ${view.passwordSet ? `set (${view.passwordStorage})` : 'not set'}. File: ${view.configPath}`);
          return 0;
        case 'get':
          if (key === undefined || !isPrefKey(key)) throw new CommandError(`${key ?? 'KEY'} is not a faxdesk preference; "faxdesk prefs list" shows them.`);
          if (key === 'smtp.password') note(`The password is never shown (${view.passwordSet ? 'one is set' : 'none is set'}).`);
          out(JSON.stringify(view.values[key]));
          return 0;
        case 'set': {
          if (key === undefined || value === undefined || extra.length > 0) throw new CommandError('usage: faxdesk prefs set KEY VALUE', 2);
          try {
            prefs.set({ [key]: parseValue(value) });
          } catch (error) {
            if (error instanceof PreferenceError) throw new CommandError(error.message);
            throw error;
          }
          if (key === 'smtp.password') note(`Password saved (${prefs.passwordStorage()}).`);
          else out(`${key} = ${JSON.stringify(prefs.view().values[key as keyof typeof view.values])}`);
          return 0;
        }
        default:
          throw new CommandError('usage: faxdesk prefs list | get KEY | set KEY VALUE', 2);
      }
    } finally {
      prefs.dispose();
      backend.close();
    }
  },
};
