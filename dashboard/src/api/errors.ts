/**
 * Errors as the dashboard shows them: the gateway's catalogue code and message (ErrorResponse of the OpenAPI
 * document), or one of two codes of the dashboard's own when no catalogue answer arrived.
 */
import type { components } from './schema';

export type ErrorBody = components['schemas']['ErrorResponse'];

/** The dashboard's own code when the gateway could not be reached at all (network down, gateway stopped). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
/** The dashboard's own code when the gateway answered without the catalogue's error shape (a proxy's page). */
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly transactionId?: string;
  readonly violations: { field: string; message: string }[];

  constructor(
    code: string,
    message: string,
    status: number,
    transactionId?: string | null,
    violations?: { field: string; message: string }[] | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.transactionId = transactionId ?? undefined;
    this.violations = violations ?? [];
  }

  /** Whether trying again later may succeed: the network, 429 and 503 (Retry-After), 504 (unknown outcome). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 503 || this.status === 504;
  }
}

/** Builds the error for a non-2xx answer from its body, whatever shape the body has. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(String(body.code), body.message, status, body.transactionId, body.violations);
  }
  return new ApiError(UNEXPECTED_RESPONSE, `The gateway answered HTTP ${status}`, status);
}

/** Builds the error for a request that never got an answer. */
export function networkError(): ApiError {
  return new ApiError(NETWORK_ERROR, 'The gateway cannot be reached', 0);
}

function isErrorBody(body: unknown): body is ErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorBody).code === 'string' &&
    typeof (body as ErrorBody).message === 'string'
  );
}
