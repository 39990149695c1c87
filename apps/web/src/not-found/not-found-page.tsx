import type { ReactNode } from 'react';
import { Link } from '../layout/link.tsx';
import './not-found-page.css';

/** Props of {@link NotFoundPage}. */
export interface NotFoundPageProps {
  /** The page's heading: what is not here. */
  title: string;
  /** What was looked for and why it may be missing. */
  children: ReactNode;
}

/**
 * What a path that leads nowhere shows (an unknown route, a dataset that does not exist): says
 * so, and offers the way back to the datasets list.
 *
 * @example
 * <NotFoundPage title="No page here"><p>Nothing lives at <code>/x</code>.</p></NotFoundPage>
 */
export function NotFoundPage({ title, children }: NotFoundPageProps) {
  return (
    <section className="page not-found">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1>{title}</h1>
      {children}
      <p>
        <Link to="/datasets" className="button primary">
          Go to the datasets
        </Link>
      </p>
    </section>
  );
}
