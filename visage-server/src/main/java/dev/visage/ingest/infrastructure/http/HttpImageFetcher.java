package dev.visage.ingest.infrastructure.http;

import dev.visage.ingest.application.ImageFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fetches images over http/https only, with a size cap and timeouts, following at most a
 * few redirects by hand so that every hop is checked: no hop may point at a loopback,
 * link-local or private address unless {@code visage.fetch.allow-private-addresses}.
 */
@ApplicationScoped
public class HttpImageFetcher implements ImageFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final long maxBytes;
    private final Duration timeout;
    private final boolean allowPrivate;

    @Inject
    public HttpImageFetcher(@ConfigProperty(name = "visage.fetch.max-bytes") long maxBytes,
                            @ConfigProperty(name = "visage.fetch.timeout-ms") long timeoutMs,
                            @ConfigProperty(name = "visage.fetch.allow-private-addresses") boolean allowPrivate) {
        this.maxBytes = maxBytes;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.allowPrivate = allowPrivate;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** For CDI proxies only. */
    protected HttpImageFetcher() {
        this.client = null;
        this.maxBytes = 0;
        this.timeout = null;
        this.allowPrivate = false;
    }

    @Override
    public byte[] fetch(String url) throws RefusedException, IOException {
        URI uri = checked(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                uri = checked(uri.resolve(response.headers().firstValue("Location").get()).toString());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status >= 500 || status == 429 || status == 408) {
                    throw new IOException("HTTP " + status + " from " + uri);
                }
                if (status != 200) {
                    throw new RefusedException("HTTP " + status + " from " + uri);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new RefusedException("image larger than " + maxBytes + " bytes");
                }
                return readCapped(body);
            }
        }
        throw new RefusedException("more than " + MAX_REDIRECTS + " redirects");
    }

    private byte[] readCapped(InputStream body) throws IOException, RefusedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw new RefusedException("image larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    URI checked(String url) throws RefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedException("invalid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException("only http and https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new RefusedException("URL has no host");
        }
        if (!allowPrivate) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(address)) {
                        throw new RefusedException("address " + address.getHostAddress() + " of " + uri.getHost()
                                + " is private or local; refused");
                    }
                }
            } catch (UnknownHostException e) {
                throw new RefusedException("unknown host " + uri.getHost());
            }
        }
        return uri;
    }

    static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierNat;
    }
}
