package org.biotdm.gateway.verify;

import io.micronaut.http.client.annotation.Client;
import org.biotdm.gateway.testing.ApiClient;

/**
 * The verification API as an auditor calls it, through the contract its controller implements; each call names its
 * {@link org.biotdm.gateway.testing.Caller}, and error answers raise {@link org.biotdm.gateway.testing.ApiError}.
 */
@ApiClient
@Client("/api/v1")
interface VerificationClient extends VerificationOperations {}
