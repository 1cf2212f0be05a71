// The registration helper: every call is checked for its sender and its payload schema before a handler runs,
// and every reply is a Result union with an error code from shared/errors.
import type { z } from 'zod';
import {
  events,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodParsedParams,
  type MethodResult,
} from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../core/logger';

/** Who is calling: the transport and the page origin it reported (the frame URL in Electron). */
export interface Sender {
  transport: 'electron' | 'websocket' | 'memory';
  /** For Electron: the sender frame's URL; for the WebSocket: the page origin. */
  url: string;
}

export interface CallContext {
  sender: Sender;
}

export type Handlers = {
  [M in MethodName]: (params: MethodParsedParams<M>, context: CallContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface DispatcherOptions {
  isTrustedSender(sender: Sender): boolean;
  logger: Logger;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export class IpcDispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly options: DispatcherOptions,
  ) {}

  async dispatch(name: unknown, payload: unknown, sender: Sender): Promise<Result<unknown>> {
    if (!isMethodName(name)) return err('E_UNKNOWN_METHOD', `"${String(name).slice(0, 80)}" is not a faxdesk method.`);
    if (!this.options.isTrustedSender(sender)) {
      this.options.logger.log('warn', { component: 'ipc', method: name, sender: sender.url }, 'refused call from untrusted sender');
      return err('E_FORBIDDEN_SENDER', `${name} was refused: the page ${sender.url} may not call faxdesk.`);
    }
    const parsed = methods[name].params.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return err('E_INVALID_PAYLOAD', `${name} was refused: ${describeIssues(parsed.error)}.`);
    }
    try {
      const handler = this.handlers[name] as (params: unknown, context: CallContext) => unknown;
      const value = await handler(parsed.data, { sender });
      // Checking our own replies keeps a handler bug from reaching the window as a shape the renderer does not expect.
      const checked = methods[name].result.safeParse(value);
      if (!checked.success) {
        this.options.logger.log('error', { component: 'ipc', method: name, issues: describeIssues(checked.error) }, 'handler result failed its schema');
        return err('E_INTERNAL', `${name} failed: faxdesk produced a reply it could not check; the log has the details.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof ApiError) return err(error.code, error.message);
      this.options.logger.log('error', { component: 'ipc', method: name, error: String(error) }, 'handler failed');
      return err('E_INTERNAL', `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Checks an event payload against the contract before it is sent to any window. */
export function checkEvent<E extends EventName>(name: E, payload: EventPayload<E>): EventPayload<E> {
  return events[name].parse(payload) as EventPayload<E>;
}

export type { Result, MethodResult };
export { ok };
