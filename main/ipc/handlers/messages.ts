// Handlers of the messages domain (outbox and delivery history): paging, detail, counts and the user's actions.
import { ApiError } from '../../../shared/errors';
import { ComposeError } from '../../core/outbox/compose';
import type { Engine } from '../../core/services';
import { NotFoundError, StateError } from '../../core/store/messageRepository';
import type { Handlers } from '../dispatcher';

type MessagesHandlers = Pick<Handlers, 'messages:list' | 'messages:get' | 'messages:counts' | 'messages:retry' | 'messages:cancel' | 'messages:release' | 'messages:sendTest'>;

/** Turns the store's and the composer's refusals into the contract's error codes. */
export function asApiError(error: unknown): unknown {
  if (error instanceof NotFoundError) return new ApiError('E_NOT_FOUND', error.message);
  if (error instanceof StateError) return new ApiError('E_INVALID_STATE', error.message);
  if (error instanceof ComposeError) return new ApiError('E_INVALID_PAYLOAD', error.message);
  return error;
}

function mapped<P, R>(fn: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await fn(params);
    } catch (error) {
      throw asApiError(error);
    }
  };
}

export function messagesHandlers(engine: Engine): MessagesHandlers {
  return {
    'messages:list': mapped((params) => {
      try {
        return engine.messages.list(params);
      } catch (error) {
        // A cursor that is not ours is a bad request, not a bad state.
        if (error instanceof StateError) throw new ApiError('E_INVALID_PAYLOAD', error.message);
        throw error;
      }
    }),
    'messages:get': mapped(({ id }) => engine.messages.detail(id)),
    'messages:counts': () => engine.messages.counts(),
    'messages:retry': mapped(({ id }) => engine.outbox.retryNow(id)),
    'messages:cancel': mapped(({ id }) => engine.outbox.cancel(id)),
    'messages:release': mapped(({ id }) => engine.outbox.release(id)),
    'messages:sendTest': mapped(({ to }) =>
      engine.outbox.enqueue({
        kind: 'manual',
        to: [to],
        subject: 'faxdesk test message',
        text: 'This is a test message from faxdesk. If you can read it, faxdesk can deliver mail with its current settings.',
      }),
    ),
  };
}
