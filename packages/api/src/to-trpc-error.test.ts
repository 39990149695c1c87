import { TRPCError } from '@trpc/server';
import { UpsellError, type UpsellErrorCode } from '@upsell/core';
import { DatasetStoreError, type DatasetStoreErrorCode } from '@upsell/datasets';
import { StorageError, type StorageErrorCode } from '@upsell/db';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, toTRPCError } from './to-trpc-error.ts';

const STORE_EXPECTED: [DatasetStoreErrorCode, TRPCError['code']][] = [
  ['NOT_FOUND', 'NOT_FOUND'],
  ['CONFLICT', 'CONFLICT'],
  ['LIMIT_EXCEEDED', 'PAYLOAD_TOO_LARGE'],
  ['BUSY', 'TOO_MANY_REQUESTS'],
];

const STORAGE_EXPECTED: [StorageErrorCode, TRPCError['code']][] = [
  ['NOT_FOUND', 'NOT_FOUND'],
  ['CONFLICT', 'CONFLICT'],
];

const EXPECTED: [UpsellErrorCode, TRPCError['code']][] = [
  ['LIMIT_EXCEEDED', 'PAYLOAD_TOO_LARGE'],
  ['INVALID_DEFINITION', 'BAD_REQUEST'],
  ['INVALID_TIME_ZONE', 'BAD_REQUEST'],
  ['INVALID_PERIOD_LABEL', 'BAD_REQUEST'],
  ['INVALID_ARGUMENT', 'BAD_REQUEST'],
  ['MISSING_COLUMN', 'BAD_REQUEST'],
  ['UNKNOWN_COLUMN', 'BAD_REQUEST'],
  ['AMBIGUOUS_COLUMN', 'BAD_REQUEST'],
  ['AMBIGUOUS_FORMAT', 'BAD_REQUEST'],
  ['RULE_NEEDS_COLUMN', 'BAD_REQUEST'],
];

describe('toTRPCError', () => {
  it.each(EXPECTED)('maps %s to %s and keeps the message', (upsellCode, trpcCode) => {
    const error = toTRPCError(new UpsellError(upsellCode, 'What went wrong, for people'));
    expect(error).toMatchObject({ code: trpcCode, message: 'What went wrong, for people' });
  });

  it.each(STORE_EXPECTED)(
    "maps the dataset store's %s to %s and keeps the message",
    (storeCode, trpcCode) => {
      const error = toTRPCError(new DatasetStoreError(storeCode, 'What went wrong, for people'));
      expect(error).toMatchObject({ code: trpcCode, message: 'What went wrong, for people' });
    },
  );

  it.each(STORAGE_EXPECTED)("maps the database's %s to %s and keeps the message", (storageCode, trpcCode) => {
    const error = toTRPCError(new StorageError(storageCode, 'What went wrong, for people'));
    expect(error).toMatchObject({ code: trpcCode, message: 'What went wrong, for people' });
  });

  it('makes OUT_OF_ORDER an internal error without its message', () => {
    const error = toTRPCError(new UpsellError('OUT_OF_ORDER', 'customer 17 at line 9'));
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE });
  });

  it('looks inside the internal error tRPC wraps around what a resolver threw', () => {
    const wrapped = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      cause: new DatasetStoreError('NOT_FOUND', 'No dataset "x"'),
    });
    expect(toTRPCError(wrapped)).toMatchObject({ code: 'NOT_FOUND', message: 'No dataset "x"' });
  });

  it('hides the message of any other error and keeps it as the cause, for the log', () => {
    const secret = new Error('connect ECONNREFUSED 10.1.2.3:5432 (password=hunter2)');
    const error = toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: secret }));
    expect(error.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(error.cause).toBe(secret);
  });

  it('passes a deliberate tRPC error as it is', () => {
    const forbidden = new TRPCError({ code: 'FORBIDDEN', message: 'This needs the admin role' });
    expect(toTRPCError(forbidden)).toBe(forbidden);
  });

  it.each([
    '/srv/upsell/data/files/ab12: no such file',
    'cannot read "/var/lib/upsell/files/ab12"',
    'C:\\upsell\\data\\files\\ab12: is a directory, not a file',
  ])(
    'makes a core error naming an absolute path (%s) an internal error, keeping it as the cause',
    (message) => {
      const core = new UpsellError('INVALID_ARGUMENT', message);
      const error = toTRPCError(core);
      expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE });
      expect(error.cause).toBe(core);
    },
  );

  it('keeps the message of a core error with slashes that are no path', () => {
    const error = toTRPCError(
      new UpsellError('INVALID_ARGUMENT', 'orders.csv: line 3: amount "1/2" is not a number'),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('makes a core error caused by a failed system call an internal error', () => {
    const enoent = Object.assign(new Error('no such file or directory'), { code: 'ENOENT', syscall: 'open' });
    const stored = new DatasetStoreError('NOT_FOUND', 'The stored file is gone');
    Object.defineProperty(stored, 'cause', { value: enoent });
    expect(toTRPCError(stored)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: INTERNAL_ERROR_MESSAGE,
    });
  });
});
