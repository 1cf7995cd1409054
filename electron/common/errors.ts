// Errors travel as values: a stable code, a sentence for the technician, optional detail for the log.
// No Node and no DOM here: the renderer imports this file too. The codes and the class live in
// app-error.ts (no zod, for the log workers and the CLI); this file adds the value's schema.
import { z } from 'zod';
import { errorCodes, type AppErrorValue } from './app-error.ts';

export { AppError, errorCodes, type AppErrorValue, type ErrorCode, type Result } from './app-error.ts';

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});

// The schema reads exactly the value the class makes (checked both ways when type-checking).
type SchemaValue = z.infer<typeof appErrorSchema>;
const _sameValue: [SchemaValue, AppErrorValue] extends [AppErrorValue, SchemaValue] ? true : never = true;
