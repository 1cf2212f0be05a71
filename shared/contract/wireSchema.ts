// How main checks a call frame from the browser mode's WebSocket before the dispatcher sees it.
import { z } from 'zod';
import type { CallFrame } from './wire';

export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
}) satisfies z.ZodType<CallFrame>;
