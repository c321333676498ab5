package org.biotdm.gateway.firmware;

import io.micronaut.http.client.annotation.Client;
import org.biotdm.gateway.testing.ApiClient;

/**
 * The people's campaign API through the contract its controller implements; each call names its {@link
 * org.biotdm.gateway.testing.Caller}, and error answers raise {@link org.biotdm.gateway.testing.ApiError}.
 */
@ApiClient
@Client("/api/v1")
public interface CampaignsClient extends CampaignOperations {}
