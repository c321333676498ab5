/**
 * The service's one error shape, {@code {code, message, transactionId?, timestamp}}, and the exception handlers that
 * produce it on both ports: stable UPPER_SNAKE codes, no stack traces, a {@code Retry-After} header on 503.
 */
package org.biotdm.gateway.error;
