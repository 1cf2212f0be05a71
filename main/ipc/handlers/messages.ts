// Handlers of the messages domain (outbox and delivery history). Filled in with the outbox.
import { ApiError } from '../../../shared/errors';
import type { Engine } from '../../core/services';
import type { Handlers } from '../dispatcher';

type MessagesHandlers = Pick<Handlers, 'messages:list' | 'messages:get' | 'messages:counts' | 'messages:retry' | 'messages:cancel' | 'messages:release' | 'messages:sendTest'>;

export function messagesHandlers(_engine: Engine): MessagesHandlers {
  const notYet = (): never => {
    throw new ApiError('E_UNAVAILABLE', 'The outbox is not part of this build yet.');
  };
  return {
    'messages:list': notYet,
    'messages:get': notYet,
    'messages:counts': notYet,
    'messages:retry': notYet,
    'messages:cancel': notYet,
    'messages:release': notYet,
    'messages:sendTest': notYet,
  };
}
