package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.it.generated.ApiClient;
import dev.visage.it.generated.ApiException;
import dev.visage.it.generated.api.AdminApiKeysApi;
import dev.visage.it.generated.api.ImagesAndJobsApi;
import dev.visage.it.generated.api.IngestApi;
import dev.visage.it.generated.api.RecognitionApi;
import dev.visage.it.generated.model.CompanyRequest;
import dev.visage.it.generated.model.CreateKeyRequest;
import dev.visage.it.generated.model.EnrolledFace;
import dev.visage.it.generated.model.JobDto1;
import dev.visage.it.generated.model.Problem;
import dev.visage.it.generated.model.Recognition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client that the build generates from openapi/openapi.yaml (openapi-generator, library
 * native) drives the real server: what a user of the document gets is a client that works,
 * multipart uploads and typed problem+json errors included.
 */
class GeneratedClientIT {

    @TempDir
    Path tmp;

    private static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Api.server().base());
        client.setRequestInterceptor(request -> request.header("X-API-Key", key));
        client.setReadTimeout(Duration.ofSeconds(60));
        return client;
    }

    private static JobDto1 job(ImagesAndJobsApi images, String id) {
        try {
            return images.getJob(id);
        } catch (ApiException e) {
            throw new IllegalStateException("GET job " + id + ": " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private File photo(String name) {
        return Photos.dir().resolve(name).toFile();
    }

    @Test
    void aTenantUploadsEnrolsAndRecognisesThroughTheGeneratedClient() throws ApiException {
        String tenant = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = new AdminApiKeysApi(client(Api.ADMIN_KEY))
                .issueApiKey(new CreateKeyRequest().tenantId(tenant).name("generated-client")).getSecret();
        ApiClient asTenant = client(secret);

        ImagesAndJobsApi images = new ImagesAndJobsApi(asTenant);
        JobDto1 accepted = images.submitImage(photo("img1.jpg"));
        assertEquals(tenant, accepted.getTenantId());
        JobDto1 job = Waits.until(Duration.ofSeconds(120), () -> job(images, accepted.getId()),
                j -> "completed".equals(j.getStatus()) || "failed".equals(j.getStatus()), "job " + accepted.getId());
        assertEquals("completed", job.getStatus(), job::toString);

        RecognitionApi recognition = new RecognitionApi(asTenant);
        recognition.createCompany(new CompanyRequest().companyId(tenant));
        EnrolledFace enrolled = recognition.createUser(tenant, "ann", photo("img1.jpg"), "f1");
        assertEquals("ann", enrolled.getUserId());
        // img1 and img2 are the same person (testdata/deepface-pairs/pairs.csv).
        Recognition who = recognition.recognize(tenant, photo("img2.jpg"));
        assertEquals("ann", who.getUserId(), who::toString);
    }

    @Test
    void aRejectedUploadIsATypedProblemNamingTheField() throws IOException {
        File empty = Files.createFile(tmp.resolve("empty.jpg")).toFile();
        // The native generator sends every form field and calls toString() on it: "" is "absent" here.
        ApiException e = assertThrows(ApiException.class,
                () -> new IngestApi(client(Api.ADMIN_KEY)).ingest(empty, "", "", "", ""));
        assertEquals(422, e.getCode(), e::getResponseBody);
        assertTrue(e.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Problem problem = new ApiClient().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertEquals(422, problem.getStatus());
        assertEquals("file", problem.getInvalidParams().get(0).getName(), e::getResponseBody);
    }
}
