// The frames the browser mode sends over its WebSocket: calls with ids, replies to them, and pushed events. No zod
// here: the window imports this file, and only main checks frames (./wireSchema.ts).
export type CallFrame = { t: 'call'; id: number; method: string; params: unknown };
export type ReplyFrame = { t: 'reply'; id: number; result: unknown };
export type EventFrame = { t: 'event'; event: string; payload: unknown };
export type ServerFrame = ReplyFrame | EventFrame;

/** Path of the WebSocket endpoint; the token travels as `?token=`. */
export const webSocketPath = '/api';
