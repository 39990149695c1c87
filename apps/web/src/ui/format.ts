const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
// Day before month, the month in words: `7 Mar 2024` reads the same to everyone, where
// `03/07/2024` does not.
const day = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const moment = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `12345` -> `12,345`. */
export const formatCount = (n: number) => integer.format(n);

/** An API timestamp's UTC day: `7 Mar 2024`. */
export const formatDay = (iso: string) => day.format(new Date(iso));

/** An API timestamp in the browser's time zone, to the minute: `7 Mar 2024, 14:05`. */
export const formatMoment = (iso: string) => moment.format(new Date(iso));

/** Bytes for people: `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
