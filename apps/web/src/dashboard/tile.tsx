import type { ReactNode } from 'react';

/** Props of {@link Tile}. */
export interface TileProps {
  label: string;
  className?: string | undefined;
  /** Opens the drill-down behind the tile; without it the tile is a plain box. */
  onClick?: (() => void) | undefined;
  /** A sparkline (hidden from screen readers: the tile says its number in words). */
  spark?: ReactNode;
  children: ReactNode;
}

/** A tile: a button to the drill-down when there is one behind it, else a plain box. */
export function Tile({ label, className, onClick, spark, children }: TileProps) {
  const classes = `tile ${className ?? ''}`.trim();
  const body = (
    <>
      <span className="tile-label">{label}</span>
      {children}
      {spark && <span className="tile-spark">{spark}</span>}
    </>
  );
  if (!onClick) return <div className={`${classes} tile-static`}>{body}</div>;
  return (
    <button type="button" className={classes} onClick={onClick}>
      {body}
      <span className="tile-more" aria-hidden="true">
        Customers behind it →
      </span>
    </button>
  );
}
