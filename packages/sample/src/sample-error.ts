/** Machine-readable causes of a sample failure. */
export type SampleErrorCode = 'INVALID_ARGUMENT';

/**
 * The one error type the sample generator throws: `code` for programs, `message` for people.
 *
 * @example
 * throw new SampleError('INVALID_ARGUMENT', 'generateSample: rows must be a whole number >= 0, got -1');
 */
export class SampleError extends Error {
  readonly code: SampleErrorCode;

  constructor(code: SampleErrorCode, message: string) {
    super(message);
    this.name = 'SampleError';
    this.code = code;
  }
}
