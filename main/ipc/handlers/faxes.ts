// Handlers of the faxes domain: the fax library for the window.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import type { Engine } from '../../core/services';
import { toSummary } from '../../core/store/faxRepository';
import type { Handlers } from '../dispatcher';

type FaxesHandlers = Pick<Handlers, 'faxes:list' | 'faxes:get' | 'faxes:file' | 'faxes:markRead' | 'faxes:rejected'>;

export function faxesHandlers(engine: Engine): FaxesHandlers {
  const find = (id: string) => {
    const fax = engine.inbox.faxes.get(id);
    if (!fax) throw new ApiError('E_NOT_FOUND', `There is no fax ${id}.`);
    return fax;
  };
  return {
    'faxes:list': (params) => {
      const page = engine.inbox.faxes.list(params);
      return { items: page.items.map(toSummary), nextCursor: page.nextCursor, total: page.total };
    },
    'faxes:get': (params) => {
      const fax = find(params.id);
      return {
        ...toSummary(fax),
        sha256: fax.sha256,
        resolution: fax.resolution,
        compression: fax.compression,
        messages: fax.messageIds.map((id) => engine.messages.summary(id)),
      };
    },
    'faxes:file': async (params) => {
      const fax = find(params.id);
      const bytes = await fs.readFile(path.join(engine.dataDir, fax.libraryPath)).catch(() => {
        throw new ApiError('E_NOT_FOUND', `The file of fax ${params.id} is missing from the library (${fax.libraryPath}).`);
      });
      return { fileName: fax.fileName, mimeType: fax.format === 'pdf' ? 'application/pdf' : 'image/tiff', base64: bytes.toString('base64') };
    },
    'faxes:markRead': (params) => {
      const summary = engine.inbox.setRead(params.id, params.read);
      if (!summary) throw new ApiError('E_NOT_FOUND', `There is no fax ${params.id}.`);
      return summary;
    },
    'faxes:rejected': (params) => ({ items: engine.inbox.faxes.rejected(params.limit) }),
  };
}
