import { z } from 'zod';

/** A time as the API returns it: ISO 8601 in UTC (`2024-03-09T00:00:00.000Z`). */
export const TimestampSchema = z.string().meta({ format: 'date-time' });
