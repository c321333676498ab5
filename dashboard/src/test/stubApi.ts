import { vi } from 'vitest';
import { json } from './fixtures';

/** One stubbed route: method and path (`GET /api/v1/alerts`), and the answer (a body for 200, or a Response). */
export type Routes = Record<string, unknown | ((request: Request) => Response | Promise<Response>)>;

/**
 * Stubs the global fetch with answers by `METHOD /path` (query ignored); anything else answers 404 in the catalogue's
 * shape. Returns the mock, whose calls hold the requests sent.
 */
export function stubApi(routes: Routes) {
  const fetch = vi.fn(async (request: Request) => {
    const key = `${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`;
    const answer = routes[key];
    if (answer === undefined) {
      return json(404, { code: 'NOT_STUBBED', message: key, timestamp: 0 });
    }
    return typeof answer === 'function' ? answer(request) : json(200, answer);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** The requests a stubbed fetch received, as `METHOD /path?query`. */
export function sent(fetch: ReturnType<typeof stubApi>): string[] {
  return fetch.mock.calls.map(([r]) => {
    const url = new URL(r.url);
    return decodeURIComponent(`${r.method} ${url.pathname}${url.search}`);
  });
}
