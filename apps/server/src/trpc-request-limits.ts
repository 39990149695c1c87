import { TRPCError } from '@trpc/server';
import express, { type RequestHandler } from 'express';

/** Options of {@link trpcRequestLimits}. */
export interface TrpcRequestLimits {
  /** Largest body of any request but an upload (UPSELL_MAX_JSON_BYTES). */
  maxJsonBytes: number;
  /** Most calls in one batch (UPSELL_MAX_BATCH). */
  maxBatch: number;
}

// `dataset.upload` takes the file as an octet-stream body, streamed to disk under its own limit
// (UPSELL_MAX_UPLOAD_BYTES, the store's); every other body is JSON and read into memory.
const isUpload = (req: express.Request) =>
  req.method === 'POST' && req.path === '/dataset.upload' && req.is('application/octet-stream') !== false;

/**
 * Express middleware in front of tRPC (mounted at /trpc): refuses a batch of more than
 * `maxBatch` calls (BAD_REQUEST) and reads every body but an upload's, up to `maxJsonBytes`
 * (beyond: PAYLOAD_TOO_LARGE, refused from its Content-Length before any of it is read), handing
 * it to tRPC as text. Errors go to the app's error handler, which answers them as JSON.
 *
 * tRPC's own `maxBodySize` is not used: it applies to every body tRPC reads, the upload's too,
 * and answers with no word of the limit. tRPC's `maxBatchSize` is set as well, to the same
 * number, so the limit holds even if this middleware is left out.
 *
 * @example
 * app.use('/trpc', trpcRequestLimits({ maxJsonBytes: 1024 ** 2, maxBatch: 50 }), createExpressMiddleware({ router, maxBatchSize: 50 }));
 */
export function trpcRequestLimits(limits: TrpcRequestLimits): RequestHandler {
  // Any content type: tRPC also reads JSON sent without one, and form data.
  const readBody = express.text({ type: () => true, limit: limits.maxJsonBytes });
  return (req, res, next) => {
    // As tRPC reads it (the first `batch`), not as express's query parser does.
    if (new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('batch') === '1') {
      const calls = req.path.slice(req.path.lastIndexOf('/') + 1).split(',').length;
      if (calls > limits.maxBatch) {
        next(
          new TRPCError({
            code: 'BAD_REQUEST',
            message: `A batch may hold at most ${limits.maxBatch} calls (UPSELL_MAX_BATCH); this one has ${calls}: send them in several batches`,
          }),
        );
        return;
      }
    }
    if (isUpload(req)) next();
    else readBody(req, res, next);
  };
}
