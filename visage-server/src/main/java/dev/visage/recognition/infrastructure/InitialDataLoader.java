package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.EnrolmentTransfer;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The kiosk's start-up data loading: DATA_SOURCE=LOCAL_FILE (DATA_FILE), API (GET API_URL
 * within API_TIMEOUT seconds) or NONE, imported once the schema is ready. A source that
 * fails is logged and the instance starts with what the database holds, as the kiosk did.
 */
@ApplicationScoped
public class InitialDataLoader {

    private static final Logger LOG = Logger.getLogger(InitialDataLoader.class.getName());

    private final EnrolmentTransfer transfer;
    private final String source;
    private final String file;
    private final Optional<String> apiUrl;
    private final int apiTimeoutSeconds;

    @Inject
    public InitialDataLoader(EnrolmentTransfer transfer,
                             @ConfigProperty(name = "data.source") String source,
                             @ConfigProperty(name = "data.file") String file,
                             @ConfigProperty(name = "api.url") Optional<String> apiUrl,
                             @ConfigProperty(name = "api.timeout") int apiTimeoutSeconds) {
        this.transfer = transfer;
        this.source = source.trim().toUpperCase(Locale.ROOT);
        this.file = file;
        this.apiUrl = apiUrl;
        this.apiTimeoutSeconds = apiTimeoutSeconds;
    }

    /** For CDI proxies only. */
    protected InitialDataLoader() {
        this.transfer = null;
        this.source = null;
        this.file = null;
        this.apiUrl = Optional.empty();
        this.apiTimeoutSeconds = 0;
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        if ("NONE".equals(source)) {
            return;
        }
        try {
            load();
        } catch (IOException | JsonException | IllegalStateException e) {
            LOG.log(Level.SEVERE, "initial data (" + source + ") not loaded, starting with the database as it is", e);
        }
    }

    /** Loads the configured source now; empty when the source is NONE or the file does not exist. */
    public Optional<EnrolmentTransfer.ImportReport> load() throws IOException {
        return switch (source) {
            case "NONE" -> Optional.empty();
            case "LOCAL_FILE" -> {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    LOG.warning(() -> "Data file not found: " + path + ", starting with empty data");
                    yield Optional.empty();
                }
                LOG.info(() -> "Loading initial data from local file: " + path);
                yield Optional.of(transfer.importData(parse(Files.readString(path))));
            }
            case "API" -> {
                String url = apiUrl.filter(u -> !u.isBlank())
                        .orElseThrow(() -> new IllegalStateException("DATA_SOURCE=API needs API_URL"));
                LOG.info(() -> "Loading initial data from API: " + url);
                yield Optional.of(transfer.importData(parse(fetch(url))));
            }
            default -> throw new IllegalStateException("DATA_SOURCE must be LOCAL_FILE, API or NONE, not " + source);
        };
    }

    private String fetch(String url) throws IOException {
        Duration timeout = Duration.ofSeconds(apiTimeoutSeconds);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("API answered " + response.statusCode());
            }
            return response.body();
        } catch (HttpTimeoutException e) {
            throw new IOException("API request timed out after " + apiTimeoutSeconds + " seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching initial data", e);
        }
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
