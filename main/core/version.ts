// The app's version, from package.json, for app.info and the CLI.
import pkg from '../../package.json';

export const appVersion: string = pkg.version;
