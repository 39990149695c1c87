/** A target's rate as the admin pages show it: 0.225 -> `22.5%`. */
export const percent = (rate: number) =>
  `${(rate * 100).toLocaleString('en', { maximumFractionDigits: 2 })}%`;

/** A target's segment in words: `channel = online, region = EU`, or `all customers`. */
export const segmentText = (segment: Record<string, string>) =>
  Object.keys(segment).length === 0
    ? 'all customers'
    : Object.entries(segment)
        .map(([dimension, value]) => `${dimension} = ${value}`)
        .join(', ');
