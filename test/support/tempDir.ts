// Temporary folders for tests, removed once the test file that made them has run: a run leaves nothing in the system's
// temp folder (a full run used to leave over a thousand data folders and gigabytes there).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

function removeAll(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

// Registered when a test file first imports this module (test files each get their own copy of it). A global setup
// has no suite to hook into: there the folders go when the process exits.
try {
  afterAll(removeAll);
} catch {
  process.once('exit', removeAll);
}

export function tempDir(prefix = 'faxdesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
