import { describe as group, expect, it, vi } from 'vitest';
import { sessions } from '../auth/session';
import { apiError, describe, json, tokenFor } from '../test/fixtures';
import { api, unwrap } from './client';
import { connection } from './connection';
import { ApiError, NETWORK_ERROR } from './errors';

const page = { items: [], nextCursor: null };

group('unwrap', () => {
  it('throws_the_catalogue_code_and_message_of_a_refusal', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => apiError(401, 'LOGIN_FAILED', 'Wrong username or password')));

    const error = await unwrap(
      api.POST('/api/v1/auth/login', { body: { username: 'org1-operator', password: 'nope' } }),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'LOGIN_FAILED', message: 'Wrong username or password', status: 401 });
  });

  it('reports_a_request_without_answer_as_a_network_error_and_the_link_as_offline', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));

    const error = await unwrap(api.GET('/api/v1/devices')).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: NETWORK_ERROR, transient: true });
    expect(connection.get()).toEqual({ kind: 'offline' });
  });

  it('reports_a_503_with_its_code_to_the_banner', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => apiError(503, 'LEDGER_UNAVAILABLE', 'The ledger is unreachable')));

    await unwrap(api.GET('/api/v1/devices')).catch(() => undefined);

    await vi.waitFor(() =>
      expect(connection.get()).toEqual({
        kind: 'unavailable',
        code: 'LEDGER_UNAVAILABLE',
        message: 'The ledger is unreachable',
      }),
    );
  });
});

group('session', () => {
  it('sends_the_access_token_on_api_calls', async () => {
    sessions.start(tokenFor('operator', 'token-1'));
    const fetch = vi.fn(async (_: Request) => json(200, page));
    vi.stubGlobal('fetch', fetch);

    await unwrap(api.GET('/api/v1/devices'));

    expect(fetch.mock.calls[0]![0].headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('refreshes_a_refused_token_once_and_repeats_the_request', async () => {
    sessions.start(tokenFor('operator', 'expired'));
    const fetch = vi.fn(async (request: RequestInfo | URL) => {
      if (describe(request) === 'POST /api/v1/auth/refresh' || String(request).endsWith('/api/v1/auth/refresh')) {
        return json(200, tokenFor('operator', 'fresh'));
      }
      const token = (request as Request).headers.get('Authorization');
      return token === 'Bearer fresh' ? json(200, page) : apiError(401, 'AUTH_INVALID', 'The token expired');
    });
    vi.stubGlobal('fetch', fetch);

    const result = await unwrap(api.GET('/api/v1/devices'));

    expect(result).toEqual(page);
    expect(sessions.current()?.accessToken).toBe('fresh');
  });

  it('ends_the_session_when_the_refresh_token_is_refused', async () => {
    sessions.start(tokenFor('operator', 'expired'));
    vi.stubGlobal('fetch', vi.fn(async () => apiError(401, 'AUTH_INVALID', 'The token expired')));

    const error = await unwrap(api.GET('/api/v1/devices')).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'AUTH_INVALID' });
    expect(sessions.current()).toBeNull();
  });
});
