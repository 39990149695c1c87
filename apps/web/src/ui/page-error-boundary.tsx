import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './error-panel.tsx';

interface State {
  error: unknown;
}

/**
 * Catches a page that failed to render, or whose code failed to load (after a new version was
 * deployed, say), and offers a reload instead of a blank window. A new `resetKey` (the path)
 * clears the failure, so moving to another page tries again.
 */
export class PageErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== undefined) {
      this.setState({ error: undefined });
    }
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <section className="page">
        <ErrorPanel title="This page failed to load" error={this.state.error} />
        <p className="hint">
          If the server was updated meanwhile, reloading fetches the new version.{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      </section>
    );
  }
}
