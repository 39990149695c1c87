/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  /** What is progressing, e.g. "Uploading shop.csv". */
  label: string;
  /** Done so far, of `max`; undefined while unknown (an indeterminate bar). */
  value: number | undefined;
  max: number;
  /** Shown after the label, e.g. "1.2 of 4.0 MB". */
  detail?: string;
}

/** A labelled progress bar (the native element, so assistive technology reads its value). */
export function ProgressBar({ label, value, max, detail }: ProgressBarProps) {
  const percent =
    value === undefined || max <= 0 ? undefined : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="progress">
      <div className="progress-text">
        <span>{label}</span>
        <span>
          {percent === undefined ? '' : `${percent}%`}
          {detail ? ` · ${detail}` : ''}
        </span>
      </div>
      <progress aria-label={label} max={max > 0 ? max : 1} {...(value === undefined ? {} : { value })} />
    </div>
  );
}
