package dev.visage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.ingest.application.ImageFetcher;
import dev.visage.ingest.infrastructure.http.HttpImageFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

class HttpImageFetcherPolicyTest {

    private final HttpImageFetcher strict = new HttpImageFetcher(1024, 2000, false);

    @Test
    void onlyHttpAndHttps() {
        var e = assertThrows(ImageFetcher.RefusedException.class, () -> strict.fetch("ftp://example.com/a.jpg"));
        assertEquals("only http and https URLs are fetched", e.getMessage());
        assertThrows(ImageFetcher.RefusedException.class, () -> strict.fetch("file:///etc/passwd"));
    }

    @Test
    void loopbackAndPrivateAddressesAreRefused() {
        for (String url : new String[]{"http://127.0.0.1/a.jpg", "http://10.1.2.3/a.jpg", "http://192.168.0.1/a",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/a", "http://localhost/a"}) {
            var e = assertThrows(ImageFetcher.RefusedException.class, () -> strict.fetch(url), url);
            assertTrue(e.getMessage().contains("private or local"), e.getMessage());
        }
    }

    @Test
    void redirectIntoLoopbackIsRefusedAndSizeIsCapped() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", "http://127.0.0.1:1/secret");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/big", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[4096]);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            // Loopback allowed for the first hop only so the test server is reachable.
            HttpImageFetcher lenient = new HttpImageFetcher(1024, 2000, true);
            var big = assertThrows(ImageFetcher.RefusedException.class,
                    () -> lenient.fetch("http://127.0.0.1:" + port + "/big"));
            assertEquals("image larger than 1024 bytes", big.getMessage());
            var redirect = assertThrows(ImageFetcher.RefusedException.class,
                    () -> strict.fetch("http://127.0.0.1:" + port + "/redirect"));
            assertTrue(redirect.getMessage().contains("private or local"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void connectionFailuresAreTransient() {
        HttpImageFetcher lenient = new HttpImageFetcher(1024, 2000, true);
        assertThrows(IOException.class, () -> lenient.fetch("http://127.0.0.1:1/a.jpg"));
        assertFalse(false);
    }
}
