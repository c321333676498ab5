package org.biotdm.gateway.verify;

import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.annotation.Client;

/** The verification API as an auditor calls it, through the same contract the controller implements. */
@Client("/api/v1")
@Header(name = "Authorization", value = "Bearer ${biotdm.anchoring.auditor-token}")
interface AuditorClient extends VerificationOperations {}
