import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve('.') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('runtime boundaries (the lint rule, exercised)', () => {
  it('refuses Node, Electron and main/ imports in shared/', async () => {
    const nodeImport = await restrictedImports('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n");
    expect(nodeImport[0]).toMatch(/shared\/ is imported by main and renderer alike/);
    expect(await restrictedImports('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { Engine } from '../main/core/services';\nexport const a = Engine;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('refuses Node built-ins and main/ in the renderer', async () => {
    const messages = await restrictedImports('renderer/x.ts', "import path from 'path';\nexport const a = path;\n");
    expect(messages[0]).toMatch(/renderer\/ runs in a sandboxed page/);
    expect(await restrictedImports('renderer/x.ts', "import { Engine } from '../main/core/services';\nexport const a = Engine;\n")).toHaveLength(1);
  });

  it('keeps electron out of the engine but allows it in the desktop adapter and preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('main/core/x.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/ipc/x.ts', "import Store from 'electron-store';\nexport const a = Store;\n")).toHaveLength(1);
    expect(await restrictedImports('main/desktop/x.ts', code)).toEqual([]);
    expect(await restrictedImports('main/preload/x.ts', code)).toEqual([]);
  });

  it('finds no boundary violation in the real tree', async () => {
    const results = await eslint.lintFiles(['shared', 'renderer', 'main']);
    const violations = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => `${result.filePath}: ${message.message}`),
    );
    expect(violations).toEqual([]);
  }, 60_000);
});

describe('the renderer bundle', () => {
  it('contains no Node built-in (Vite would stub it as __vite-browser-external)', async () => {
    const { build } = await import('vite');
    const output = (await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { write: false, outDir: 'out/bundle-check' } })) as {
      output: Array<{ type: string; fileName: string; code?: string; moduleIds?: string[] }>;
    };
    const chunks = output.output.filter((item) => item.type === 'chunk');
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      expect(chunk.code).not.toContain('__vite-browser-external');
      const ids = (chunk.moduleIds ?? []).map((id) => path.relative(path.resolve('.'), id));
      expect(ids.some((id) => id.startsWith('renderer/'))).toBe(true);
      expect(ids.filter((id) => id.startsWith('node:') || id.startsWith('main/'))).toEqual([]);
    }
    expect(fs.existsSync('out/bundle-check')).toBe(false);
  }, 60_000);

  it('opens the connection from a small entry without React, and draws the first screen without zod, the Preferences form or an opened item', async () => {
    const { build } = await import('vite');
    const output = (await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { write: false, outDir: 'out/bundle-check' } })) as {
      output: Array<{ type: string; isEntry?: boolean; moduleIds?: string[] }>;
    };
    const idsOf = (chunk: { moduleIds?: string[] }) => (chunk.moduleIds ?? []).map((id) => path.relative(path.resolve('.'), id));
    const chunks = output.output.filter((item) => item.type === 'chunk');
    // The entry asks for the opening list's rows before React is even loaded.
    const entry = idsOf(chunks.find((chunk) => chunk.isEntry)!);
    expect(entry).toEqual(expect.arrayContaining(['renderer/main.ts', 'renderer/api/connect.ts', 'renderer/api/openingPage.ts']));
    expect(entry.filter((id) => id.includes('node_modules/react'))).toEqual([]);
    // The window's script: the lists, but nothing that only later views need.
    const window = idsOf(chunks.find((chunk) => idsOf(chunk).includes('renderer/draw.tsx'))!);
    expect(window.some((id) => id.startsWith('renderer/views/SentView'))).toBe(true);
    expect(window.filter((id) => id.includes('node_modules/zod/') || /(PreferencesView|MessageDetailView|FaxDetailView|FaxViewer)\.tsx$/.test(id))).toEqual([]);
  }, 60_000);
});
