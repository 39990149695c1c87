import type { ReactNode } from 'react';
import { useCan, useSession } from '../auth/session.tsx';
import { tokenLabel } from '../auth/token-label.ts';
import { useLocation } from '../routing/use-location.ts';
import { Link } from './link.tsx';

/** The frame of every signed-in page: navigation by role, who is signed in, the page. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const isAdmin = useCan('admin');
  const { path } = useLocation();
  const current = (prefix: string) => (path === prefix || path.startsWith(`${prefix}/`) ? 'page' : undefined);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Upsell
        </Link>
        <nav aria-label="Main">
          <Link to="/datasets" aria-current={current('/datasets')}>
            Datasets
          </Link>
          <Link to="/definitions" aria-current={current('/definitions')}>
            Definitions
          </Link>
          <Link to="/targets" aria-current={current('/targets')}>
            Targets
          </Link>
          <Link to="/alerts" aria-current={current('/alerts')}>
            Alerts
          </Link>
          {isAdmin && (
            <Link to="/tokens" aria-current={current('/tokens')}>
              Tokens
            </Link>
          )}
        </nav>
        <div className="who">
          <span className="who-name" title={`Signed in with the token “${session.name}”`}>
            <span className="visually-hidden">Signed in as </span>
            {tokenLabel(session.name)}
          </span>
          <span className={`role-badge role-${session.role}`}>
            <span className="visually-hidden">role: </span>
            {session.role}
          </span>
          <button type="button" className="link-button" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
