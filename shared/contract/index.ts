// The one IPC contract: every method name with its payload and result schemas, and every event. Main, the preload
// and the renderer all import it, so no channel string is typed twice.
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import type { MethodSpec } from './define';
import { faxesEvents, faxesMethods } from './faxes';
import { messagesEvents, messagesMethods } from './messages';
import { eventNames, methodNames } from './names';
import { prefsEvents, prefsMethods } from './prefs';

export const methods = {
  ...appMethods,
  ...messagesMethods,
  ...faxesMethods,
  ...prefsMethods,
} satisfies Record<`${string}:${string}`, MethodSpec>;

export const events = {
  ...appEvents,
  ...messagesEvents,
  ...faxesEvents,
  ...prefsEvents,
} satisfies Record<`${string}:on${string}`, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type MethodParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustBeTrue<T extends true> = T;
/** Fails to compile when names.ts lists a method or event the contract does not have, or misses one. */
export type NamesMatchContract = [
  MustBeTrue<SameNames<MethodName, (typeof methodNames)[number]>>,
  MustBeTrue<SameNames<EventName, (typeof eventNames)[number]>>,
];
export { eventNames, methodNames };

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

export * from './app';
export * from './faxes';
export * from './messages';
export * from './prefs';
