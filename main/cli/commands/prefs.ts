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

/** Headless there is no keyring: a password set here sits in config.json as typed, so say so and name the ways out. */
function passwordNotes(prefs: Preferences): string[] {
  const notes = [
    `Password saved. It is stored readable in ${prefs.configPath}: anyone who can read that file can read it.`,
    'To keep it out of the file, clear it (faxdesk prefs set smtp.password "") and give it to faxdesk in the ' +
      'FAXDESK_SMTP_PASSWORD environment variable, or put it in a file only you can read and name that file in smtp.passwordFile.',
  ];
  const storage = prefs.passwordStorage();
  if (storage === 'environment') notes.push('FAXDESK_SMTP_PASSWORD is set, so faxdesk uses that password, not this one.');
  if (storage === 'file') notes.push('smtp.passwordFile is set, so faxdesk reads the password from that file, not this one.');
  return notes;
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
          if (key === 'smtp.password') for (const line of parsed === '' ? ['Password removed from config.json.'] : passwordNotes(prefs)) note(line);
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
