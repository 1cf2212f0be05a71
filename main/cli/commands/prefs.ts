// `faxdesk prefs list | get KEY | set KEY VALUE`: read and change config.json through the shared schema.
import { z } from 'zod';
import { isPrefKey, prefKeys, prefSchemas } from '../../../shared/prefs';
import { openConfBackend } from '../../core/prefs/confBackend';
import { PreferenceError, Preferences } from '../../core/prefs/preferences';
import { CommandError, type Command } from '../command';

/** Whether every value the schema allows is a string: text, one of some words, an address, or ''. */
function allowsOnlyText(schema: z.core.$ZodType): boolean {
  if (schema instanceof z.ZodUnion) return schema.options.every(allowsOnlyText);
  if (schema instanceof z.ZodEnum) return schema.options.every((option) => typeof option === 'string');
  if (schema instanceof z.ZodLiteral) return [...schema.values].every((value) => typeof value === 'string');
  return schema._zod.def.type === 'string';
}

/**
 * VALUE for a key that holds text is that text, so a password or user name of digits stays a string; a JSON string
 * literal ('"abc"') still reads as its string. For other keys VALUE is JSON (25, true, ["a@b.c"]), else the text.
 */
export function parseValue(key: string, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  return isPrefKey(key) && allowsOnlyText(prefSchemas[key]) && typeof json !== 'string' ? text : json;
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
          const parsed = parseValue(key, value);
          try {
            prefs.set({ [key]: parsed });
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
