// electron-store's test double: the real `conf` underneath with the options electron-store passes it (file name
// "config", folder = the given cwd), so tests read and write a real config.json.
import Conf, { type Options } from 'conf';

export default class FakeElectronStore<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: Omit<Options<T>, 'configName'> & { name?: string }) {
    const { name, ...rest } = options;
    super({ ...rest, configName: name ?? 'config', projectName: 'faxdesk' });
  }
}
