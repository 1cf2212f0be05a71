// Lint rules, with the import boundaries that keep each runtime in its folder (STYLE.md 1).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electronOnly = ['electron', 'electron-store', 'electron-log', 'electron-log/*', 'electron-updater'];
const nodeOnlyPackages = ['better-sqlite3', 'nodemailer', 'nodemailer/*', 'smtp-server', 'chokidar', 'conf', 'ws'];

const restrict = (paths, patterns, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: why })),
      patterns: patterns.map((group) => ({ group: [group], message: why })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // Matching control characters is how header-injection and spool-name checks work here; the rule would forbid them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...electronOnly, ...nodeOnlyPackages, 'react', 'react-dom'],
      ['**/main/**', '**/renderer/**', 'node:*'],
      'shared/ is imported by main and renderer alike: no Node, DOM, Electron or UI imports here.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...nodeBuiltins, ...electronOnly, ...nodeOnlyPackages],
      ['**/main/**', 'node:*'],
      'renderer/ runs in a sandboxed page: it may import only shared/ and browser code, and reaches main through window.faxdesk.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/desktop/**', 'main/preload/**'],
    rules: restrict(
      electronOnly,
      ['**/renderer/**', '**/desktop/**', '**/preload/**'],
      'The engine runs without Electron (tests, CLI, browser mode): only main/desktop and main/preload may import electron.',
    ),
  },
  {
    files: ['main/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...nodeBuiltins, ...nodeOnlyPackages, 'electron-store', 'electron-log'],
      ['**/renderer/**', '**/core/**', '**/ipc/**', '**/desktop/**'],
      'The preload runs sandboxed: electron and shared/ only.',
    ),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: restrict(
      electronOnly.filter((name) => name !== 'electron-log/*'),
      [],
      'Tests run in plain Node where electron and electron-store throw: use the test double or conf.',
    ),
  },
);
