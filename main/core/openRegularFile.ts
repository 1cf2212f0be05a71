// Opening a file that someone else may have placed (the spool, the local mailbox folder) for reading, never through a
// symbolic link and never waiting on a FIFO: the one place that knows the flags for it.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

// O_NOFOLLOW closes the gap between a caller's lstat and this open in which a link could be swapped in; O_NONBLOCK keeps
// a FIFO that appeared in the same gap from blocking the engine. Neither flag exists on Windows, where links need
// privileges.
const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Opens the file for reading; the returned handle is a regular file, or null (closed) where it turned out not to be. */
export async function openRegularFile(file: string): Promise<{ handle: FileHandle; size: number; mtime: Date } | null> {
  const handle = await open(file, flags);
  const stat = await handle.stat().catch(async (error: unknown) => {
    await handle.close().catch(() => undefined);
    throw error;
  });
  if (stat.isFile()) return { handle, size: stat.size, mtime: stat.mtime };
  await handle.close().catch(() => undefined);
  return null;
}
