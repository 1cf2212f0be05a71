// The received faxes domain: the fax library, its pages' files, and what the inbox rejected.
import { z } from 'zod';
import { method } from './define';
import { messageStateSchema, messageSummarySchema } from './messages';

export const faxSummarySchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  from: z.string().nullable(),
  /** The number called (DID). */
  to: z.string().nullable(),
  csid: z.string().nullable(),
  pages: z.number().int().nonnegative(),
  format: z.enum(['pdf', 'tiff']),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  read: z.boolean(),
  /** Addresses the fax was routed to; empty means "not routed" (kept, never dropped). */
  deliverTo: z.array(z.string()),
  /** The state of its mail, or null when it was not routed. */
  deliveryState: messageStateSchema.nullable(),
  messageIds: z.array(z.string()),
});
export type FaxSummary = z.infer<typeof faxSummarySchema>;

export const faxDetailSchema = faxSummarySchema.extend({
  sha256: z.string(),
  resolution: z.object({ x: z.number(), y: z.number() }).nullable(),
  compression: z.string().nullable(),
  messages: z.array(messageSummarySchema),
});
export type FaxDetail = z.infer<typeof faxDetailSchema>;

export const rejectedFileSchema = z.object({
  fileName: z.string(),
  reason: z.string(),
  rejectedAt: z.string(),
});
export type RejectedFile = z.infer<typeof rejectedFileSchema>;

const id = z.object({ id: z.string().min(1).max(64) }).strict();

export const faxesListParams = z
  .object({
    /** Matches sender, number called or CSID. */
    search: z.string().max(200).optional(),
    receivedFrom: z.iso.datetime().optional(),
    receivedTo: z.iso.datetime().optional(),
    deliveryStates: z.array(z.union([messageStateSchema, z.literal('not-routed')])).max(8).optional(),
    unreadOnly: z.boolean().optional(),
    cursor: z.string().max(200).nullable().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type FaxesListParams = z.input<typeof faxesListParams>;

export const faxesPageSchema = z.object({
  items: z.array(faxSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
});

export const faxesMethods = {
  'faxes:list': method(faxesListParams, faxesPageSchema),
  'faxes:get': method(id, faxDetailSchema),
  /** The original file, base64-encoded, for the page viewer and "Save a copy". */
  'faxes:file': method(id, z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() })),
  'faxes:markRead': method(z.object({ id: z.string().min(1).max(64), read: z.boolean() }).strict(), faxSummarySchema),
  'faxes:rejected': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({ items: z.array(rejectedFileSchema) }),
  ),
};

export const faxesEvents = {
  /** Faxes that arrived or changed (read state, delivery state). */
  'faxes:onDidChange': z.object({ changed: z.array(faxSummarySchema), unread: z.number().int() }),
  'faxes:onDidReject': rejectedFileSchema,
};
