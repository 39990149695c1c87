import { useLocation } from './routing/use-location.ts';

/**
 * Which page a path shows. Pages live in their own folders (datasets/, dashboard/, admin/);
 * each adds its route here.
 */
export function Routes() {
  const { path } = useLocation();
  return <p>Nothing here yet: {path}</p>;
}
