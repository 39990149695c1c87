import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { TRPCError } from '@trpc/server';
import { errorResponse } from '@upsell/api';
import { SECURITY_HEADERS } from './response-headers.ts';

// What node's HTTP parser refuses before any handler sees a request, and how to say it.
function answerTo(code: string | undefined): { status: number; error: TRPCError } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    const message =
      "The request's URL and headers are over the server's limit of 16 KiB: send long inputs as a POST body";
    return { status: 431, error: new TRPCError({ code: 'BAD_REQUEST', message }) };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      error: new TRPCError({ code: 'TIMEOUT', message: 'The request did not arrive in time' }),
    };
  }
  return {
    status: 400,
    error: new TRPCError({ code: 'BAD_REQUEST', message: 'The request is not valid HTTP' }),
  };
}

/**
 * Answers what node's HTTP parser refuses (headers over its size limit, malformed requests, a
 * request that takes too long to arrive) in the API's JSON error shape with the headers of every
 * response, instead of node's bare status line. Otherwise as node does it: nothing is written
 * over a response already under way, and the connection is closed at once (a request cut off in
 * the middle, an upload say, must see its end now).
 *
 * @example
 * const server = createServer(handler);
 * answerClientErrors(server);
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (cause: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (cause.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    const { status, error } = answerTo(cause.code);
    const requestId = randomUUID();
    const { body } = errorResponse(error, { requestId });
    body.error.data.httpStatus = status;
    const text = JSON.stringify(body);
    const headers = {
      ...SECURITY_HEADERS,
      'X-Request-Id': requestId,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      Connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${text}`);
    socket.destroy();
  });
}
