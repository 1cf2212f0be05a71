// Handlers of the app domain.
import type { Engine } from '../../core/services';
import type { Handlers } from '../dispatcher';

export function appHandlers(engine: Engine): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => engine.info(),
  };
}
