// The electron-builder config, loaded and schema-checked by electron-builder's own code (packaging itself needs the
// internet), and the resources it names: icons in every size, the tray images, the paths the app reads at run time.
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { desktopPaths } from '../../../main/desktop/paths';

const root = path.resolve('.');
let config: Configuration;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const header = fs.readFileSync(file).subarray(0, 24);
  expect(header.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [header.readUInt32BE(16), header.readUInt32BE(20)];
}

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((target) => (typeof target === 'string' ? target : (target as { target: string }).target));

beforeAll(async () => {
  config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
}, 30_000);

describe('electron-builder.yml', () => {
  it('names the app and builds deb, AppImage, NSIS and dmg', () => {
    expect(config.appId).toBe('org.faxdesk.app');
    expect(config.productName).toBe('faxdesk');
    expect(targetNames(config.linux?.target)).toEqual(['deb', 'AppImage']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('packs the built app only, with better-sqlite3 outside the asar and rebuilt for Electron', () => {
    // electron-builder's loader normalises the list to [{ filter: [...] }].
    const files = (config.files as Array<string | { filter: string[] }>).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(files.filter((pattern) => /^(main|renderer|shared|test)\//.test(pattern))).toEqual([]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
    expect(pkg.main).toBe('out/main/index.cjs');
    // install-app-deps as a postinstall would build better-sqlite3 for Node's ABI on a machine like this one.
    expect(JSON.stringify((pkg as { scripts: Record<string, string> }).scripts)).not.toContain('install-app-deps');
    expect(pkg.scripts.dist).toMatch(/npm run build && electron-builder/);
  });

  it('turns off the fuses faxdesk never needs (security checklist 19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('gives Linux a desktop entry in Office and Network', () => {
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.desktop?.entry).toMatchObject({ Name: 'faxdesk', Categories: 'Office;Network;', StartupWMClass: 'faxdesk' });
  });
});

describe('the icons and run-time resources', () => {
  it('has a PNG for every Linux size, an .ico and an .icns', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(path.join(root, 'build', 'icons', `${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(config.linux?.icon).toBe('build/icons');
    const ico = fs.readFileSync(path.join(root, config.win!.icon!));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]); // reserved, type icon, 7 images
    const icns = fs.readFileSync(path.join(root, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('ships the icons where the app looks for them, in development and once packaged', () => {
    const dev = desktopPaths({ appPath: root, isPackaged: false });
    for (const file of [dev.windowIcon, dev.trayIcon, dev.trayTemplateIcon]) expect(fs.existsSync(file), file).toBe(true);
    expect(pngSize(dev.trayTemplateIcon)).toEqual([16, 16]);
    expect(pngSize(dev.trayTemplateIcon.replace('.png', '@2x.png'))).toEqual([32, 32]);

    // Packaged, build/<dir> is copied to <resources>/<dir> by extraResources.
    const packaged = desktopPaths({ appPath: '/opt/faxdesk/resources/app.asar', isPackaged: true, resourcesPath: '/opt/faxdesk/resources' });
    const copied = (config.extraResources as Array<{ from: string; to: string }>).map(({ from, to }) => [path.join(root, from), path.join('/opt/faxdesk/resources', to)] as const);
    for (const file of [packaged.windowIcon, packaged.trayIcon, packaged.trayTemplateIcon]) {
      const source = copied.find(([, to]) => file.startsWith(to + path.sep));
      expect(source, file).toBeDefined();
      expect(fs.existsSync(file.replace(source![1], source![0]))).toBe(true);
    }
    expect(packaged.preload).toBe('/opt/faxdesk/resources/app.asar/out/preload/index.cjs');
  });
});
