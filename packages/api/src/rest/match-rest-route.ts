import type { RestRoute } from './rest-route.ts';
import { restRoutes } from './rest-routes.ts';

/** A route that matches a request, with its path parameters decoded. */
export interface RestRouteMatch {
  route: RestRoute;
  params: Record<string, string>;
}

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

/**
 * The REST route for a method and a path under the mount point, or undefined.
 *
 * @example
 * matchRestRoute('GET', '/datasets/shop') // { route: <dataset.byId>, params: { id: 'shop' } }
 */
export function matchRestRoute(
  method: string,
  path: string,
  routes: readonly RestRoute[] = restRoutes,
): RestRouteMatch | undefined {
  const actual = segmentsOf(path);
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const expected = segmentsOf(route.path);
    if (expected.length !== actual.length) continue;
    const params: Record<string, string> = {};
    const matches = expected.every((segment, i) => {
      const value = actual[i]!;
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name === undefined) return segment === value;
      try {
        params[name] = decodeURIComponent(value);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, params };
  }
  return undefined;
}
