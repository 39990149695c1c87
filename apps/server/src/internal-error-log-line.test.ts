import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { internalErrorLogLine } from './internal-error-log-line.ts';

const request = { id: 'req-1', method: 'POST', path: '/trpc/dataset.import' };

describe('internalErrorLogLine', () => {
  it('names the request and tells the cause below the TRPCError, with its stack', () => {
    const cause = new Error('connect ECONNREFUSED 10.1.2.3:5432');
    const line = internalErrorLogLine(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause }), request);
    expect(line).toMatch(
      /^internal error in request req-1 \(POST \/trpc\/dataset\.import\): Error: connect ECONNREFUSED 10\.1\.2\.3:5432\n {4}at /,
    );
  });

  it("tells each cause of a cause, under 'caused by:'", () => {
    const socket = new Error('socket hang up');
    const query = new Error('Failed query: insert into files', { cause: socket });
    const line = internalErrorLogLine(
      new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: query }),
      request,
    );
    expect(line).toContain('Error: Failed query: insert into files');
    expect(line).toContain('\ncaused by: Error: socket hang up');
  });

  it("cuts the caller's token out wherever a message holds it", () => {
    const token = 'ups_0123456789abcdef0123456789abcdef';
    const line = internalErrorLogLine(new Error(`no row for ${token}`), { ...request, token });
    expect(line).not.toContain(token);
    expect(line).toContain('no row for <token>');
  });
});
