/**
 * True when `error` (or one of its causes: Drizzle wraps the driver's error) is PostgreSQL's
 * unique_violation, from either driver.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
