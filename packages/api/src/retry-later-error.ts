/** Thrown (as a `TRPCError`'s cause) when an address has failed too many token checks. */
export class RetryLaterError extends Error {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'RetryLaterError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
