// Handlers of the preferences domain (settings, server diagnosis, the local mailbox). Filled in with the engine.
import { ApiError } from '../../../shared/errors';
import type { Engine } from '../../core/services';
import type { Handlers } from '../dispatcher';

type PrefsHandlers = Pick<Handlers, 'prefs:get' | 'prefs:set' | 'server:diagnose' | 'mailbox:list'>;

export function prefsHandlers(_engine: Engine): PrefsHandlers {
  const notYet = (): never => {
    throw new ApiError('E_UNAVAILABLE', 'Preferences are not part of this build yet.');
  };
  return { 'prefs:get': notYet, 'prefs:set': notYet, 'server:diagnose': notYet, 'mailbox:list': notYet };
}
