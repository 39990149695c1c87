import { describeError } from './describe-error.ts';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  /** What failed, e.g. "Could not load the datasets". */
  title: string;
  error: unknown;
  /** Offers a "Try again" button. */
  onRetry?: () => void;
}

/** The one way the UI shows a failure: what failed, the server's reason, and what to do. */
export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  const { message, action, issues } = describeError(error);
  return (
    <div className="panel error-panel" role="alert">
      <p className="error-title">{title}</p>
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {action && <p className="hint">{action}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
