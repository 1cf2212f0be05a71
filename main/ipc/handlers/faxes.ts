// Handlers of the faxes domain (the fax library). Filled in with the inbox.
import { ApiError } from '../../../shared/errors';
import type { Engine } from '../../core/services';
import type { Handlers } from '../dispatcher';

type FaxesHandlers = Pick<Handlers, 'faxes:list' | 'faxes:get' | 'faxes:file' | 'faxes:markRead' | 'faxes:rejected'>;

export function faxesHandlers(_engine: Engine): FaxesHandlers {
  const notYet = (): never => {
    throw new ApiError('E_UNAVAILABLE', 'The fax library is not part of this build yet.');
  };
  return { 'faxes:list': notYet, 'faxes:get': notYet, 'faxes:file': notYet, 'faxes:markRead': notYet, 'faxes:rejected': notYet };
}
