// Which engine pieces this build has: the window's end-to-end tests that need a piece are skipped, with its name,
// while main still answers that domain with the "not part of this build yet" placeholder.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../main/cli/command';

const handlerFiles = { outbox: 'messages.ts', inbox: 'faxes.ts', preferences: 'prefs.ts' } as const;
export type EnginePiece = keyof typeof handlerFiles;

/** The pieces among `pieces` that main does not have yet (empty when all are there). */
export function missingEngine(...pieces: EnginePiece[]): EnginePiece[] {
  return pieces.filter((piece) => {
    const source = fs.readFileSync(path.join(projectRoot, 'main/ipc/handlers', handlerFiles[piece]), 'utf8');
    return source.includes('not part of this build yet');
  });
}
