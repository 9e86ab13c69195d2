package dev.visage.batch.infrastructure.http;

import dev.visage.batch.domain.WebhookClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The JDK's HTTP client; redirects are never followed (a redirect could lead to a private address). */
@ApplicationScoped
public class JdkWebhookClient implements WebhookClient {

    private final Duration timeout;
    private final HttpClient client;

    @Inject
    public JdkWebhookClient(@ConfigProperty(name = "visage.batch.webhook.timeout-ms") long timeoutMs) {
        this.timeout = Duration.ofMillis(timeoutMs);
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /** For CDI proxies only. */
    protected JdkWebhookClient() {
        this.timeout = null;
        this.client = null;
    }

    @Override
    public int post(URI url, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
