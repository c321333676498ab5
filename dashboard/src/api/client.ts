/**
 * The typed client of the gateway's API: openapi-fetch over the types openapi-typescript generates from gateway-api's
 * OpenAPI document at build time (src/api/schema.d.ts), so an API change that breaks the dashboard breaks its build.
 * Same origin as the page: no CORS, no base URL to configure.
 *
 * The middleware signs each request with the current access token, retries once after refreshing the session when
 * the gateway answers 401, and reports the link's state to the connection banner.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { sessions } from '../auth/session';
import { connection } from './connection';
import { ApiError, networkError, toApiError } from './errors';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

const AUTH_PATH = '/api/v1/auth/';

/** Copies of the requests in flight, so that one refused for an expired token can be sent again with its body. */
const originals = new WeakMap<Request, Request>();

const middleware: Middleware = {
  onRequest({ request }) {
    const session = sessions.current();
    if (session && !request.url.includes(AUTH_PATH)) {
      request.headers.set('Authorization', `Bearer ${session.accessToken}`);
      originals.set(request, request.clone());
    }
    return request;
  },
  async onResponse({ request, response }) {
    report(response);
    const original = originals.get(request);
    if (response.status !== 401 || !original) {
      return response;
    }
    const refreshed = await sessions.refresh();
    if (!refreshed) {
      return response;
    }
    original.headers.set('Authorization', `Bearer ${refreshed.accessToken}`);
    const retried = await globalThis.fetch(original);
    report(retried);
    return retried;
  },
  onError() {
    connection.set({ kind: 'offline' });
    return networkError();
  },
};

function report(response: Response): void {
  if (response.status === 503) {
    // The body is read again by the caller; a clone keeps it.
    response
      .clone()
      .json()
      .then(
        (body: Schemas['ErrorResponse']) =>
          connection.set({ kind: 'unavailable', code: String(body.code), message: body.message }),
        () => connection.set({ kind: 'unavailable', code: 'SERVICE_UNAVAILABLE', message: 'HTTP 503' }),
      );
  } else {
    connection.set({ kind: 'online' });
  }
}

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  // Looked up at each call (not captured once), so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
});
api.use(middleware);

/**
 * Returns an openapi-fetch result's data, or throws its error as an ApiError carrying the catalogue code.
 *
 * @throws ApiError for any non-2xx answer or a request that got none
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    throw e instanceof ApiError ? e : networkError();
  }
  if (!result.response.ok) {
    throw toApiError(result.response.status, result.error);
  }
  return result.data as T;
}
