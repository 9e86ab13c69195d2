package dev.visage.batch.domain;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Port: POSTs a JSON body and answers the HTTP status (redirects are not followed). */
public interface WebhookClient {

    int post(URI url, byte[] body, Map<String, String> headers) throws IOException;
}
