import { z } from 'zod';
import type { AppErrorShape } from '../format-error.ts';

/** The body of every error response, REST or tRPC: tRPC's error shape under `error`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int().describe('JSON-RPC error code'),
    data: z.object({
      code: z.string().describe('tRPC error code: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, ...'),
      httpStatus: z.number().int(),
      path: z.string().optional().describe('The procedure'),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .describe('On invalid input: every field that is wrong'),
      upsellCode: z.string().optional().describe('On failures of the core: its code, e.g. MISSING_COLUMN'),
      retryAfterSeconds: z.number().int().optional().describe('On TOO_MANY_REQUESTS: when to try again'),
      requestId: z
        .string()
        .optional()
        .describe("The request's id (also its X-Request-Id header), which the server's log names"),
    }),
  }),
});

// Fails to compile when the error formatter's shape no longer fits the documented body.
export type ErrorBodyFitsShape = [AppErrorShape] extends [z.output<typeof ErrorBodySchema>['error']]
  ? true
  : never;
