// The API implementation: every contract method's handler and every event's source, built from one engine.
import type { EventName, EventPayload } from '../../shared/contract';
import type { Logger } from '../core/logger';
import type { Engine } from '../core/services';
import { checkEvent, IpcDispatcher, type Handlers, type Sender } from './dispatcher';
import { appHandlers } from './handlers/app';
import { faxesHandlers } from './handlers/faxes';
import { messagesHandlers } from './handlers/messages';
import { prefsHandlers } from './handlers/prefs';

export function createHandlers(engine: Engine): Handlers {
  return {
    ...appHandlers(engine),
    ...messagesHandlers(engine),
    ...faxesHandlers(engine),
    ...prefsHandlers(engine),
  };
}

export type EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Forwards the engine's events to a transport; returns the function that stops forwarding. */
export function bindEngineEvents(engine: Engine, emit: EmitEvent): () => void {
  const disposers = [
    engine.onDidChangeState((state) => emit('app:onDidChangeState', checkEvent('app:onDidChangeState', state))),
    engine.outbox.onDidChangeMessages((change) => emit('messages:onDidChange', checkEvent('messages:onDidChange', change))),
    engine.prefs.onDidChange(() => emit('prefs:onDidChange', checkEvent('prefs:onDidChange', engine.prefs.view()))),
    engine.inbox.onDidChangeFaxes((change) => emit('faxes:onDidChange', checkEvent('faxes:onDidChange', change))),
    engine.inbox.importer.onDidReject((rejected) => emit('faxes:onDidReject', checkEvent('faxes:onDidReject', rejected))),
  ];
  return () => disposers.forEach((dispose) => dispose());
}

export function createDispatcher(
  engine: Engine,
  options: { isTrustedSender(sender: Sender): boolean; logger: Logger },
): IpcDispatcher {
  return new IpcDispatcher(createHandlers(engine), options);
}
