/**
 * The service's error catalogue ({@link org.biotdm.gateway.error.ErrorCode}: every code with its HTTP status and
 * meaning, published as {@code protocol/errors.json}), the explicit mapping of chaincode codes onto it ({@link
 * org.biotdm.gateway.error.ChaincodeErrors}), the one error shape {@code {code, message, transactionId?, timestamp,
 * violations?}} and the exception handlers that produce it on both ports: no stack traces, a {@code Retry-After} header
 * on 503, bad input as {@code INVALID_ARGUMENT} naming each field.
 */
package org.biotdm.gateway.error;
