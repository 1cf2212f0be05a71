// The data folder's lock on a real folder: what a killed holder can leave behind, and what a live one keeps.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { DataFolderLock, EngineLockedError, lockPath, readLock } from '../../main/core/dataLock';
import { tempDir } from '../support/transports';

/** A pid that existed a moment ago and no longer does. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data folder lock', () => {
  it('writes a complete lock naming its holder and removes it on release', () => {
    const dir = tempDir('faxdesk-lock-');
    const lock = DataFolderLock.acquire(dir, 'faxdesk run');
    expect(readLock(dir)).toMatchObject({ pid: process.pid, holder: 'faxdesk run', hostname: os.hostname() });
    expect(fs.readdirSync(dir)).toEqual(['faxdesk.lock']);
    lock.release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('refuses a second taker while the holder runs, naming it', () => {
    const dir = tempDir('faxdesk-lock-');
    const lock = DataFolderLock.acquire(dir, 'faxdesk serve');
    expect(() => DataFolderLock.acquire(dir, 'faxdesk run')).toThrow(EngineLockedError);
    expect(() => DataFolderLock.acquire(dir, 'faxdesk run')).toThrow(/faxdesk serve \(pid \d+, since .*\) is already using the data folder/);
    lock.release();
  });

  it('takes over a lock whose holder was killed, and clears what killed takers left beside it', () => {
    const dir = tempDir('faxdesk-lock-');
    const pid = deadPid();
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid, holder: 'faxdesk run', startedAt: '2026-01-01T00:00:00Z', hostname: os.hostname() }));
    fs.writeFileSync(`${lockPath(dir)}.${pid}.tmp`, '{');
    fs.writeFileSync(`${lockPath(dir)}.stale-${pid}`, '{}');
    const stale: unknown[] = [];
    const lock = DataFolderLock.acquire(dir, 'faxdesk run', (info) => stale.push(info));
    expect(stale).toEqual([expect.objectContaining({ pid })]);
    expect(readLock(dir)?.pid).toBe(process.pid);
    expect(fs.readdirSync(dir)).toEqual(['faxdesk.lock']);
    lock.release();
  });

  it('waits for a lock file that is being written instead of giving up, then takes it over once it stays empty', () => {
    // What a holder killed between creating the file and writing it leaves behind (where hard links are missing).
    const dir = tempDir('faxdesk-lock-');
    fs.writeFileSync(lockPath(dir), '');
    const started = Date.now();
    const lock = DataFolderLock.acquire(dir, 'faxdesk run');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(readLock(dir)?.holder).toBe('faxdesk run');
    lock.release();
  });

  it('takes over an empty lock file that is old at once', () => {
    const dir = tempDir('faxdesk-lock-');
    fs.writeFileSync(lockPath(dir), '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath(dir), old, old);
    const lock = DataFolderLock.acquire(dir, 'faxdesk run');
    expect(readLock(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });
});
