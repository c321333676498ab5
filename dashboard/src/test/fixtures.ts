import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** A gateway answer with a JSON body. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An error answer in the catalogue's shape. */
export function apiError(status: number, code: string, message: string): Response {
  return json(status, { code, message, timestamp: 1_764_000_000_000 });
}

/** A token answer for a person of the given role. */
export function tokenFor(role: string, accessToken = `access-${role}`): Schemas['TokenResponse'] {
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: 900,
    refreshToken: `refresh-${accessToken}`,
    user: { username: `org1-${role}`, mspId: 'Org1MSP', role, fabricId: `x509::CN=org1-${role}`, enabled: true },
  };
}

/** The URL and method of a request a stubbed fetch received. */
export function describe(request: RequestInfo | URL): string {
  return request instanceof Request ? `${request.method} ${new URL(request.url).pathname}` : String(request);
}
