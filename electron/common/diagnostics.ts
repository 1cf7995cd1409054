// Collect diagnostics from a device card: the requests Intune keeps for a device, what Workspace ONE
// offers, and the progress main reports while a request is pending or its zip downloads.
import { z } from 'zod';

/** Intune's appLogUploadState (pending, completed, failed); anything newer reads `unknown`. */
export const diagnosticsStatusSchema = z.enum(['pending', 'completed', 'failed', 'unknown']);
export type DiagnosticsStatus = z.infer<typeof diagnosticsStatusSchema>;

export const diagnosticsRequestSchema = z.object({
  id: z.string().max(300),
  status: diagnosticsStatusSchema,
  requestedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  sizeKB: z.number().nonnegative().nullable(),
  initiatedBy: z.string().max(300).nullable(),
  errorCode: z.number().nullable(),
  /** The zip is in the app's data folder already: opening it needs no download. */
  downloaded: z.boolean(),
  /** Main is polling this request until it completes. */
  watching: z.boolean(),
});
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;

export const diagnosticsViewSchema = z.object({
  intune: z
    .object({
      /** Why "Collect diagnostics" is not offered, or null when it is. */
      unavailable: z.string().nullable(),
      requests: z.array(diagnosticsRequestSchema),
      /** Why the requests could not be read (in the technician's words), or null. */
      problem: z.string().nullable(),
    })
    .nullable(),
  ws1: z.object({ offered: z.boolean(), message: z.string() }).nullable(),
});
export type DiagnosticsView = z.infer<typeof diagnosticsViewSchema>;

export const diagnosticsPhaseSchema = z.enum(['requested', 'pending', 'completed', 'failed', 'downloading', 'downloaded', 'error', 'cancelled']);
export type DiagnosticsPhase = z.infer<typeof diagnosticsPhaseSchema>;

export const diagnosticsProgressSchema = z.object({
  intuneId: z.string(),
  requestId: z.string(),
  phase: diagnosticsPhaseSchema,
  bytes: z.number().int().nonnegative().optional(),
  /** null while the size is not known (no Content-Length). */
  total: z.number().int().nonnegative().nullable().optional(),
  message: z.string().optional(),
});
export type DiagnosticsProgress = z.infer<typeof diagnosticsProgressSchema>;

/** A managed-device id or a request id as Graph writes them (GUIDs, `tenant_device_request`). */
export const diagnosticsIdSchema = z.string().min(1).max(300).regex(/^[A-Za-z0-9_-]+$/);
