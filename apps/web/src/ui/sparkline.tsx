/** Props of {@link Sparkline}. */
export interface SparklineProps {
  /** The values in order (oldest first); non-finite ones are left out. */
  values: readonly number[];
  width?: number;
  height?: number;
  /** Stroke colour; defaults to the accent colour. */
  color?: string;
  /** A line across at this value (a target, 0 for a change), drawn when inside the range. */
  baseline?: number | undefined;
}

/**
 * A small line of how a figure moved, last point marked: a picture beside a number that is said
 * in words, so it is hidden from screen readers. Plain SVG: no chart library for 30 pixels.
 *
 * @example
 * <Sparkline values={[0.028, 0.05, 0.041, 0.051]} />
 */
export function Sparkline({ values, width = 120, height = 32, color = '#2f5bd3', baseline }: SparklineProps) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return null;
  const low = Math.min(...finite, ...(baseline === undefined ? [] : [baseline]));
  const high = Math.max(...finite, ...(baseline === undefined ? [] : [baseline]));
  const span = high - low || 1;
  const pad = 3;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (finite.length - 1);
  const y = (v: number) => pad + (1 - (v - low) / span) * (height - 2 * pad);
  const points = finite.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = finite.length - 1;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      {baseline !== undefined && (
        <line
          x1={pad}
          x2={width - pad}
          y1={y(baseline)}
          y2={y(baseline)}
          stroke="#8a93a3"
          strokeDasharray="2 2"
          strokeWidth={1}
        />
      )}
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.75} strokeLinejoin="round" />
      <circle cx={x(last)} cy={y(finite[last] ?? 0)} r={2.75} fill={color} />
    </svg>
  );
}
