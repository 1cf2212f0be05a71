// Moving files without losing them: copies are fsynced before they count, renames fall back to copy+delete across disks.
import fs from 'node:fs/promises';
import path from 'node:path';

async function fsyncPath(target: string, flags: string): Promise<void> {
  const handle = await fs.open(target, flags);
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (and Windows for folders) refuse fsync on a directory; the rename is still atomic there.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL' && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

/** Copies src to dest through a temporary name, fsyncs it and its folder: dest exists whole or not at all. */
export async function copyDurably(src: string, dest: string): Promise<void> {
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.tmp`);
  try {
    await fs.copyFile(src, temp);
    await fsyncPath(temp, 'r+');
    await fs.rename(temp, dest);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fsyncPath(path.dirname(dest), 'r');
}

/** Writes text to dest through a temporary name with fsync. */
export async function writeFileDurably(dest: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.tmp`);
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, dest);
}

/** Moves a file (or a symbolic link itself, never its target); across file systems it copies first, then deletes. */
export async function moveFile(src: string, dest: string): Promise<void> {
  await fs.mkdir(path.dirname(dest), { recursive: true });
  try {
    await fs.rename(src, dest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const stat = await fs.lstat(src);
    if (stat.isSymbolicLink()) {
      await fs.symlink(await fs.readlink(src), dest);
    } else {
      await copyDurably(src, dest);
    }
    await fs.rm(src, { force: true });
  }
}

export async function exists(target: string): Promise<boolean> {
  return fs.lstat(target).then(
    () => true,
    () => false,
  );
}
