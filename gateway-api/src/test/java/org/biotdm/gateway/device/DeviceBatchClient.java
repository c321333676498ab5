package org.biotdm.gateway.device;

import io.micronaut.http.client.annotation.Client;
import org.biotdm.gateway.testing.ApiClient;

/**
 * {@code POST /api/v1/devices:batch} through the contract its controller implements; each call names its {@link
 * org.biotdm.gateway.testing.Caller}, and error answers raise {@link org.biotdm.gateway.testing.ApiError}.
 */
@ApiClient
@Client("/api/v1")
public interface DeviceBatchClient extends DeviceBatchOperations {}
