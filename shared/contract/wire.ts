// The frames the browser mode sends over its WebSocket: calls with ids, replies to them, and pushed events.
import { z } from 'zod';

export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});
export type CallFrame = z.infer<typeof callFrameSchema>;

export type ReplyFrame = { t: 'reply'; id: number; result: unknown };
export type EventFrame = { t: 'event'; event: string; payload: unknown };
export type ServerFrame = ReplyFrame | EventFrame;

/** Path of the WebSocket endpoint; the token travels as `?token=`. */
export const webSocketPath = '/api';
