// Turns the contract into the typed object the renderer uses (`faxdesk.app.info()`), over any transport:
// the Electron preload and the browser's WebSocket both build it here, so the renderer cannot tell them apart.
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from './contract';
import { eventNames, methodNames } from './contract/names';
import type { Result } from './result';

export interface ClientTransport {
  invoke(method: MethodName, params: unknown): Promise<Result<unknown>>;
  /** Returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K extends string, D extends string> = K extends `${D}:${infer V}` ? V : never;

// Methods whose params are all optional may be called with none.
type MethodFn<M extends MethodName> = Record<never, never> extends MethodParams<M>
  ? (params?: MethodParams<M>) => Promise<Result<MethodResult<M>>>
  : (params: MethodParams<M>) => Promise<Result<MethodResult<M>>>;

export type FaxdeskApi = {
  [D in DomainOf<MethodName | EventName>]: {
    [M in MethodName as VerbOf<M, D>]: MethodFn<M>;
  } & {
    [E in EventName as VerbOf<E, D>]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
};

export function createFaxdeskApi(transport: ClientTransport): FaxdeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  const slot = (name: string) => {
    const [domain, verb] = name.split(':') as [string, string];
    return { domain: (api[domain] ??= {}), verb };
  };
  for (const name of methodNames) {
    const { domain, verb } = slot(name);
    domain[verb] = (params: unknown = {}) => transport.invoke(name, params);
  }
  for (const name of eventNames) {
    const { domain, verb } = slot(name);
    domain[verb] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return api as FaxdeskApi;
}
