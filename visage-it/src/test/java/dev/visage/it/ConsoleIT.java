package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real headless Chromium against the real server, broker and
 * database: sign-in, every page with live data, dead-letter retry/delete/export, and 401
 * without credentials. Screenshots of each page go to target/screenshots/.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class ConsoleIT {

    /** Marks this class's own dead letters, so they can be cleaned up whatever happens. */
    static final String TEST_PROPERTY = "console_it";
    static final String RUN = UUID.randomUUID().toString();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void removeOurDeadLetters() {
        // Other tests browse visage.DLQ by selector; leave nothing of ours behind.
        while (Broker.receive("visage.DLQ", TEST_PROPERTY + " = '" + RUN + "'", Duration.ofSeconds(1)) != null) {
            // drained one
        }
    }

    // ------------------------------------------------------------------ access

    @Test
    void withoutCredentialsTheApiAnswers401AndBrowsersGetTheLoginPage() {
        Reply none = http("GET", "/console/api/overview", Map.of());
        assertEquals(401, none.status(), none::toString);
        assertTrue(none.header("Content-Type").startsWith("application/problem+json"), none::toString);
        assertTrue(none.header("WWW-Authenticate").startsWith("Basic"), "scripts are told to use Basic");
        assertEquals(401, http("GET", "/console/", Map.of()).status(), "a page without credentials");
        assertEquals(401, http("POST", "/console/api/dead-letters/retry", Map.of()).status());
        assertEquals(401, http("GET", "/console/api/queues", basic("admin", "vsg_wrong_key")).status());
        assertEquals(401, http("GET", "/console/api/queues", basic("root", Api.ADMIN_KEY)).status(), "user must be admin");

        String tenantKey = Api.admin().postJson("/api/v1/admin/api-keys", "{\"tenant_id\":\"console-it\"}")
                .json().getString("secret");
        assertEquals(403, http("GET", "/console/api/queues", basic("admin", tenantKey)).status(), "tenant keys are not admins");
        assertEquals(200, http("GET", "/console/api/queues", basic("admin", Api.ADMIN_KEY)).status());

        try (Browser browser = Browser.open()) {
            browser.go("/console/");
            browser.find(By.id("login-form"));
            assertTrue(browser.driver().getCurrentUrl().endsWith("/console/login.html"), browser.driver().getCurrentUrl());
            browser.screenshot("login");

            browser.submitKey(tenantKey);
            browser.textContaining(By.id("login-message"), "needs an admin key");
            browser.submitKey("vsg_not_a_key");
            browser.textContaining(By.id("login-message"), "not accepted");

            browser.signIn(Api.ADMIN_KEY);
            browser.find(By.cssSelector("#nav a[data-page=overview].active"));
            Cookie cookie = browser.driver().manage().getCookieNamed("visage_console");
            assertNotNull(cookie, "session cookie");
            assertTrue(cookie.isHttpOnly(), "HttpOnly");
            assertEquals("Strict", cookie.getSameSite());
            assertEquals("/console", cookie.getPath());

            // The cookie alone admits reads; changes also need the console's header (CSRF guard).
            Map<String, String> session = Map.of("Cookie", "visage_console=" + cookie.getValue());
            assertEquals(200, http("GET", "/console/api/session", session).status());
            assertEquals(403, http("POST", "/console/api/dead-letters/retry", session).status());

            browser.click(By.id("sign-out"));
            browser.find(By.id("login-form"));
            assertEquals(401, http("GET", "/console/api/session", session).status(), "signed out: the session is gone");
        }
    }

    // ------------------------------------------------------------------ pages

    @Test
    void overviewShowsReadinessCountersQueueDepthsAndThroughput() {
        pipelineTenant();
        Api.Reply accepted = Api.admin().postFile("/api/v1/images", "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("completed", ImageJobIT.awaitFinal(Api.admin(), accepted.location()).getString("status"));

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/overview");
            for (String check : List.of("database", "broker", "models", "storage")) {
                assertEquals("UP", browser.until(d -> {
                    String status = d.findElement(By.cssSelector(".check[data-check=" + check + "] .pill")).getText();
                    return status.equals("UP") ? status : null;
                }), check);
            }
            assertTrue(number(browser.text(By.cssSelector("[data-counter=jobs-completed] .value"))) >= 1);
            assertTrue(number(browser.text(By.cssSelector("[data-counter=visage_image_jobs_accepted_total] .value"))) >= 1,
                    "a counter from /metrics");
            WebElement chart = browser.find(By.cssSelector("#throughput .chart"));
            assertTrue(Integer.parseInt(chart.getAttribute("data-images")) >= 2, "the pipeline's images are on the chart");
            assertTrue(Integer.parseInt(chart.getAttribute("data-faces")) >= 1, "so are its stored faces");
            assertTrue(Integer.parseInt(chart.getAttribute("data-image-jobs")) >= 1, "and the image job");
            for (String series : List.of("series-images", "series-faces", "series-jobs")) {
                chart.findElement(By.cssSelector("polyline." + series));
                assertFalse(chart.findElements(By.cssSelector("circle.dot." + series)).isEmpty(), series + " has a point");
            }
            browser.find(By.cssSelector("#queue-depths tr[data-queue='visage.images']"));
            browser.find(By.cssSelector("#queue-depths tr[data-queue='visage.DLQ']"));
            browser.screenshot("overview");
        }
    }

    @Test
    void queuesPageListsEveryVisageQueueFromArtemisManagement() {
        JsonObject images = queue("visage.images");
        assertTrue(images.getInt("consumers") >= 1, "the image listener consumes: " + images);

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/queues");
            for (String q : List.of("visage.images", "visage.ingest", "visage.batch", "visage.recognition.requests",
                    "visage.DLQ", "visage.expiry")) {
                browser.find(By.cssSelector("#queues tr[data-queue='" + q + "']"));
            }
            long consumers = number(browser.text(By.cssSelector("#queues tr[data-queue='visage.images'] td[data-field=consumers]")));
            assertTrue(consumers >= 1, "consumers shown: " + consumers);
            // Rates appear from the second refresh on.
            browser.until(d -> !d.findElement(By.cssSelector("#queues tr[data-queue='visage.images'] td:last-child")).getText().equals("—"));
            browser.screenshot("queues");
        }
    }

    @Test
    void jobsPageFiltersByStatusShowsTheFailureReasonAndUpdatesLive() {
        String failedId = Api.admin().postFile("/api/v1/images", "file", "notes.txt", "text/plain",
                "not an image".getBytes(StandardCharsets.UTF_8)).json().getString("id");
        JsonObject failed = Waits.until(Duration.ofSeconds(60), () -> Api.admin().get("/api/v1/jobs/" + failedId).json(),
                j -> j.getString("status").equals("failed"), "the text upload to fail");

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/jobs");
            browser.find(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));

            browser.click(By.cssSelector("#status-filter button[data-status=failed]"));
            browser.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream()
                    .allMatch(r -> "failed".equals(r.getAttribute("data-status"))) ? true : null);
            browser.click(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));
            String reason = browser.text(By.id("job-failure"));
            assertEquals(failed.getString("failure_reason"), reason);

            browser.click(By.cssSelector("#status-filter button[data-status=all]"));
            // Live: a job submitted while the page is open shows up without a reload.
            Api.Reply later = Api.admin().postFile("/api/v1/images", "file", "img2.jpg", "image/jpeg", Photos.bytes("img2.jpg"));
            String laterId = later.json().getString("id");
            browser.find(By.cssSelector("#jobs tr[data-job='" + laterId + "']"));
            browser.until(d -> "completed".equals(d.findElement(By.cssSelector("#jobs tr[data-job='" + laterId + "']"))
                    .getAttribute("data-status")) ? true : null);
            browser.click(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));
            browser.find(By.id("job-failure"));
            browser.screenshot("jobs");
        }
    }

    @Test
    void jobsPageTakesFurtherKindsOfJobsAsTabs() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/jobs");
            browser.find(By.cssSelector("#job-kind[data-kind=images] #status-filter"));
            assertEquals(List.of("images", "batches"), browser.driver().findElements(By.cssSelector("#job-kinds button"))
                    .stream().map(b -> b.getAttribute("data-kind")).toList(), "image jobs first, then batch jobs");

            // What a later page file does: register a kind; the page shows it as one more tab.
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            js.executeScript("Visage.jobKind({ id: 'test-kind', title: 'Test kind', order: 30, render(root, ctx) {"
                    + " window.testKindContext = ctx;"
                    + " ctx.every(1000, () => { root.textContent = 'test kind rendered'; }); } });"
                    + " location.hash = '#/queues';"
                    + " setTimeout(() => { location.hash = '#/jobs'; }, 0);");
            browser.click(By.cssSelector("#job-kinds button[data-kind=test-kind]"));
            browser.textContaining(By.cssSelector("#job-kind[data-kind=test-kind]"), "test kind rendered");
            browser.click(By.cssSelector("#job-kinds button[data-kind=images]"));
            browser.find(By.cssSelector("#job-kind[data-kind=images] #status-filter"));
            assertEquals(Boolean.FALSE, js.executeScript("return window.testKindContext.alive();"),
                    "the hidden kind's timers stopped");
        }
    }

    @Test
    void jobsPageShowsDigestsAndZipBatchesWithProgressFiltersOutcomesLiveUpdatesAndCancel() throws IOException {
        String tenantA = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        String tenantB = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        String groupA = "console-digest-" + tenantA;
        Path big = Batches.newFolder("console-big");
        Path small = Batches.newFolder("console-small");
        try (Browser browser = Browser.open()) {
            // A digest long enough to watch and cancel: many images, one at a time, lowest priority.
            Batches.variants(big, 150);
            List<Path> photos = Batches.photos();
            for (int i = 0; i < 3; i++) {
                Files.copy(photos.get(i), small.resolve("photo" + i + ".jpg"));
            }
            Files.writeString(small.resolve("broken.jpg"), "this is text, not a JPEG");

            browser.signIn(Api.ADMIN_KEY).go("/console/#/jobs");
            browser.click(By.cssSelector("#job-kinds button[data-kind=batches]"));
            browser.find(By.cssSelector("#job-kind[data-kind=batches] #batch-status-filter"));
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            js.executeScript("window.notReloaded = true;");

            // Live: submitted while the page is open, the digest shows up and its progress moves.
            Api.Reply bigReply = Api.admin().header("X-Tenant-ID", tenantA).postJson("/digest", "{\"local_dir_path\":\""
                    + big + "\",\"group_id\":\"console-big\",\"threads\":1,\"priority\":0}");
            assertEquals(202, bigReply.status(), bigReply::toString);
            String bigId = bigReply.json().getString("job_id");
            By bigRow = By.cssSelector("#batches tr[data-job='" + bigId + "']");
            browser.find(By.cssSelector("#batches tr[data-job='" + bigId + "'] .progress"));
            int first = browser.until(d -> {
                WebElement row = d.findElement(bigRow);
                int p = Integer.parseInt(row.getAttribute("data-progress"));
                return "processing".equals(row.getAttribute("data-status")) && p >= 1 ? p : null;
            });
            browser.until(d -> Integer.parseInt(d.findElement(bigRow).getAttribute("data-progress")) > first ? true : null);

            // Cancel from the detail (the button asks twice); the list and the detail follow.
            browser.click(bigRow);
            browser.find(By.cssSelector("#batch-detail[data-job='" + bigId + "']"));
            browser.click(By.id("batch-cancel"));
            browser.textContaining(By.id("batch-cancel"), "Really cancel?");
            browser.click(By.id("batch-cancel"));
            browser.find(By.cssSelector("#batch-detail[data-job='" + bigId + "'][data-status=cancelled]"));
            browser.until(d -> "cancelled".equals(d.findElement(bigRow).getAttribute("data-status")) ? true : null);
            assertTrue(browser.driver().findElements(By.id("batch-cancel")).isEmpty(), "an ended job offers no cancel");
            JsonObject cancelled = consoleJson("/console/api/batches/" + bigId).asJsonObject();
            assertEquals("cancelled", cancelled.getJsonObject("job").getString("status"));
            assertTrue(cancelled.getJsonObject("item_counts").getInt("cancelled") > 0, cancelled::toString);

            // A small digest with a broken image, and a ZIP batch with a text entry, of two tenants.
            Api.Reply digest = Api.admin().header("X-Tenant-ID", tenantA).postJson("/digest",
                    "{\"local_dir_path\":\"" + small + "\",\"group_id\":\"" + groupA + "\"}");
            assertEquals(202, digest.status(), digest::toString);
            String digestId = digest.json().getString("job_id");
            Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
            entries.put("event/a.jpg", Files.readAllBytes(photos.get(3)));
            entries.put("event/b.jpg", Files.readAllBytes(photos.get(4)));
            entries.put("readme.txt", "Photos of the event".getBytes(StandardCharsets.UTF_8));
            Api.Reply upload = Api.admin().header("X-Tenant-ID", tenantB).postMultipart("/api/batch/upload-zip",
                    Map.of("projectId", "console-zip"), "file", "event.zip", "application/zip", ZipBatchIT.zip(entries));
            assertEquals(202, upload.status(), upload::toString);
            String zipId = upload.json().getString("batchId");
            By digestRow = By.cssSelector("#batches tr[data-job='" + digestId + "']");
            By zipRow = By.cssSelector("#batches tr[data-job='" + zipId + "']");
            browser.find(By.cssSelector("#batches tr[data-job='" + digestId + "'] .progress"));
            browser.find(By.cssSelector("#batches tr[data-job='" + zipId + "'] .progress"));
            for (String id : List.of(digestId, zipId)) {
                Waits.until(Duration.ofMinutes(5), () -> consoleJson("/console/api/batches/" + id).asJsonObject()
                        .getJsonObject("job").getString("status"), "completed"::equals, id + " to complete");
            }
            for (By row : List.of(digestRow, zipRow)) {
                browser.until(d -> {
                    WebElement r = d.findElement(row);
                    return "completed".equals(r.getAttribute("data-status")) && "100".equals(r.getAttribute("data-progress"))
                            ? true : null;
                });
            }
            assertEquals(Boolean.TRUE, js.executeScript("return window.notReloaded === true;"), "updated without a reload");

            // Filters narrow the list: tenant, kind with group, status.
            filter(browser, "batch-tenant-filter", tenantB);
            browser.until(d -> rowsAll(d, "data-tenant", tenantB) && !d.findElements(zipRow).isEmpty()
                    && d.findElements(digestRow).isEmpty() ? true : null);
            filter(browser, "batch-tenant-filter", "");
            filter(browser, "batch-kind-filter", "digest");
            filter(browser, "batch-group-filter", groupA);
            browser.until(d -> rowsAll(d, "data-kind", "digest") && d.findElements(By.cssSelector("#batches tbody tr")).size() == 1
                    && !d.findElements(digestRow).isEmpty() ? true : null);
            filter(browser, "batch-group-filter", "");
            filter(browser, "batch-kind-filter", "");
            browser.click(By.cssSelector("#batch-status-filter button[data-status=cancelled]"));
            browser.until(d -> rowsAll(d, "data-status", "cancelled") && !d.findElements(bigRow).isEmpty()
                    && d.findElements(digestRow).isEmpty() ? true : null);
            browser.click(By.cssSelector("#batch-status-filter button[data-status=all]"));

            // The ZIP's detail: the text entry skipped, with its reason.
            browser.click(zipRow);
            browser.find(By.cssSelector("#batch-detail[data-job='" + zipId + "']"));
            browser.click(By.cssSelector("#batch-item-filter button[data-status=skipped]"));
            browser.textContaining(By.cssSelector("#batch-items tr[data-path='readme.txt'][data-status=skipped]"),
                    "not an image: .txt file");

            // The digest's detail: every image with its outcome, the broken one with its error.
            browser.click(digestRow);
            browser.find(By.cssSelector("#batch-detail[data-job='" + digestId + "']"));
            browser.until(d -> d.findElements(By.cssSelector("#batch-items tr[data-status=done]")).size() == 3 ? true : null);
            browser.textContaining(By.cssSelector("#batch-items tr[data-path$='broken.jpg'][data-status=failed]"), "not an image");
            browser.click(By.cssSelector("#batch-item-filter button[data-status=failed]"));
            browser.until(d -> d.findElements(By.cssSelector("#batch-items tbody tr")).size() == 1
                    && !d.findElements(By.cssSelector("#batch-items tr[data-path$='broken.jpg']")).isEmpty() ? true : null);
            browser.click(By.cssSelector("#batch-item-filter button[data-status=all]"));
            browser.find(By.cssSelector("#batch-items tr[data-status=done]"));
            assertTrue(browser.driver().findElements(By.id("batch-cancel")).isEmpty(), "a completed job offers no cancel");
            // One tenant's jobs, the digest's detail below them: the picture for the README.
            filter(browser, "batch-tenant-filter", tenantA);
            browser.until(d -> rowsAll(d, "data-tenant", tenantA) && d.findElements(zipRow).isEmpty() ? true : null);
            js.executeScript("window.scrollTo(0, 0);");
            browser.screenshot("jobs-batches");

            // Cancelling a job that has ended is refused, saying why.
            Map<String, String> headers = new java.util.HashMap<>(basic("admin", Api.ADMIN_KEY));
            headers.put("X-Visage-Console", "1");
            Reply refused = http("POST", "/console/api/batches/" + digestId + "/cancel", headers);
            assertEquals(409, refused.status(), refused::toString);
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused::toString);
            assertTrue(refused.body().contains("has already ended (completed)"), refused::toString);
            assertEquals(404, http("POST", "/console/api/batches/" + UUID.randomUUID() + "/cancel", headers).status());
            assertEquals(400, http("GET", "/console/api/batches?kind=video", headers).status());
        } finally {
            Batches.delete(big);
            Batches.delete(small);
        }
    }

    /** Sets a filter field (text input or select) as a user would, and lets the page notice. */
    static void filter(Browser browser, String id, String value) {
        WebElement field = browser.find(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field, value);
    }

    /** Every row of the batch list (and at least one) has the attribute's value. */
    static boolean rowsAll(org.openqa.selenium.WebDriver d, String attribute, String value) {
        List<WebElement> rows = d.findElements(By.cssSelector("#batches tbody tr"));
        return !rows.isEmpty() && rows.stream().allMatch(r -> value.equals(r.getAttribute(attribute)));
    }

    @Test
    void statsPageShowsEveryTenantsCountersAndStageTimings() {
        String tenant = pipelineTenant();
        // A message whose image is missing: dead-lettered, and counted against its tenant.
        sendTagged("visage.ingest", "{\"image_sha256\":\"" + "ab".repeat(32) + "\",\"bucket\":\"raw-images\","
                + "\"key\":\"" + tenant + "/missing.jpg\",\"tenant_id\":\"" + tenant + "\",\"site\":\"console-it\","
                + "\"url\":\"http://example.test/missing.jpg\",\"image_phash\":\"0000000000000000\"}", Map.of());
        Waits.until(Duration.ofSeconds(60), () -> IngestPipelineIT.counters(tenant),
                c -> c.getJsonNumber("worker_msgs_dlq").longValue() == 1, "the missing image to be dead-lettered");

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/stats");
            By row = By.cssSelector("#stats-tenant-table tr[data-tenant='" + tenant + "']");
            browser.until(d -> d.findElement(row).findElement(By.cssSelector("td[data-field=worker_msgs_dlq]")).getText()
                    .equals("1") ? true : null);
            WebElement tenantRow = browser.find(row);
            assertEquals("2", tenantRow.findElement(By.cssSelector("td[data-field=images_total]")).getText());
            assertTrue(number(tenantRow.findElement(By.cssSelector("td[data-field=faces_processed]")).getText()) >= 1);
            assertTrue(number(tenantRow.findElement(By.cssSelector("td[data-field=faces_dup_skipped]")).getText()) >= 1,
                    "the second pass found the face again");
            assertTrue(number(browser.text(By.cssSelector("#stats-totals [data-counter=images_total] .value"))) >= 2);

            browser.click(row);
            browser.find(By.cssSelector("#timings-scope[data-scope='" + tenant + "']"));
            List<WebElement> stages = browser.driver().findElements(By.cssSelector("#stage-timings tbody tr"));
            assertEquals(List.of("fetch", "decode", "detect", "align_crop", "quality", "embed", "dedup", "artifact_paths",
                    "store_artifacts", "index", "update_metrics", "result"),
                    stages.stream().map(r -> r.getAttribute("data-stage")).toList(), "every stage, in pipeline order");
            WebElement detect = browser.find(By.cssSelector("#stage-timings tr[data-stage=detect]"));
            // the second pass is a re-crawl answered from what is stored: fetched and timed, never detected again
            assertEquals("1", detect.getAttribute("data-count"), "one detection for two passes");
            browser.find(By.cssSelector("#stage-timings tr[data-stage=fetch][data-count='2']"));
            double avg = Double.parseDouble(detect.getAttribute("data-avg"));
            double p95 = Double.parseDouble(detect.getAttribute("data-p95"));
            assertTrue(avg > 0 && p95 >= avg, "avg " + avg + ", p95 " + p95);
            assertTrue(detect.findElement(By.cssSelector(".bar.p95")).getSize().getWidth() > 0, "the p95 bar is drawn");
            browser.find(By.cssSelector(".timing-total[data-stage=total][data-count='2']"));
            ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0);");
            browser.screenshot("stats");
        }
    }

    @Test
    void peoplePageShowsCompaniesUsersAndFacesWithThumbnailsAndDeletesThem() {
        String company = "console-people-" + RUN.substring(0, 8);
        assertEquals(201, Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"" + company + "\"}").status());
        Api.Reply ada = RecognitionRestIT.enrol(company, "ada", "front", RecognitionRestIT.PERSON);
        assertEquals(201, ada.status(), ada::toString);
        Api.Reply side = RecognitionRestIT.addFace(company, "ada", "side", Photos.bytes(RecognitionRestIT.SAME_PERSON));
        assertEquals(201, side.status(), side::toString);
        Api.Reply bob = RecognitionRestIT.enrol(company, "bob", "only", RecognitionRestIT.OTHER_PERSON_ENROLLED);
        assertEquals(201, bob.status(), bob::toString);
        String tenant = pipelineTenant();

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/people");
            browser.find(By.id("company-filter")).sendKeys(company);
            By companyItem = By.cssSelector("#companies li[data-company='" + company + "']");
            assertTrue(browser.text(companyItem).contains("2 users · 3 faces"), browser.text(companyItem));
            browser.click(By.cssSelector("#companies li[data-company='" + company + "'] button.item"));
            browser.textContaining(By.cssSelector("#user-list li[data-user=ada]"), "2 faces");
            browser.click(By.cssSelector("#user-list li[data-user=ada] button.item"));
            for (String face : List.of("front", "side")) {
                assertThumbnailShown(browser, By.cssSelector("#enrolled-faces .face-card[data-face=" + face + "] img.thumb"));
            }
            browser.screenshot("people");

            // Each delete needs its confirming second click.
            browser.click(By.cssSelector(".face-card[data-face=side] button[data-action=delete-face]"));
            browser.click(By.cssSelector(".face-card[data-face=side] button[data-action=delete-face].confirming"));
            browser.until(d -> d.findElements(By.cssSelector(".face-card[data-face=side]")).isEmpty() ? true : null);
            browser.find(By.cssSelector(".face-card[data-face=front]"));
            assertEquals("[\"front\"]", Api.admin().get("/api/v1/companies/" + company + "/users/ada/faces").body());

            browser.click(By.cssSelector("#user-list li[data-user=bob] button[data-action=delete-user]"));
            browser.click(By.cssSelector("#user-list li[data-user=bob] button[data-action=delete-user].confirming"));
            browser.until(d -> d.findElements(By.cssSelector("#user-list li[data-user=bob]")).isEmpty() ? true : null);
            assertFalse(consoleJson("/console/api/people/users?company=" + company).toString().contains("\"bob\""));
            browser.textContaining(companyItem, "1 user · 1 face");

            browser.click(By.id("delete-company"));
            browser.click(By.cssSelector("#delete-company.confirming"));
            browser.until(d -> d.findElements(companyItem).isEmpty() ? true : null);
            assertFalse(consoleJson("/console/api/people/companies").toString().contains("\"" + company + "\""));

            // The pipeline's faces, with the thumbnails it stored.
            browser.click(By.cssSelector("#people-tabs button[data-tab=pipeline]"));
            browser.click(By.cssSelector("#face-tenants li[data-tenant='" + tenant + "'] button.item"));
            assertThumbnailShown(browser, By.cssSelector("#stored-faces .face-card[data-stored-face] img.thumb"));
            browser.screenshot("people-pipeline");
        }
    }

    @Test
    void dedupPageShowsCacheSizeAndHitRatesAndFlushes() {
        String tenant = pipelineTenant();
        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/dedup");
            By row = By.cssSelector("#dedup-table tr[data-tenant='" + tenant + "']");
            // The same photo twice: the second lookup found the first (1 of 2), and its faces too.
            assertEquals("50%", browser.text(By.cssSelector("#dedup-table tr[data-tenant='" + tenant + "'] td[data-field=image_hit_rate]")));
            WebElement tenantRow = browser.find(row);
            assertEquals("1", tenantRow.findElement(By.cssSelector("td[data-field=images]")).getText());
            assertTrue(number(tenantRow.findElement(By.cssSelector("td[data-field=faces]")).getText()) >= 1);
            assertEquals("50%", tenantRow.findElement(By.cssSelector("td[data-field=face_hit_rate]")).getText(),
                    "every face of the first pass was seen again in the second");
            assertTrue(number(browser.text(By.cssSelector("#dedup-summary [data-counter=images] .value"))) >= 1);
            browser.find(By.cssSelector("#dedup-summary .pill.enabled"));
            browser.screenshot("dedup");

            browser.click(By.cssSelector("#dedup-table tr[data-tenant='" + tenant + "'] button[data-action=flush]"));
            browser.click(By.cssSelector("#dedup-table tr[data-tenant='" + tenant + "'] button[data-action=flush].confirming"));
            browser.textContaining(By.id("flash"), "of " + tenant);
            browser.until(d -> d.findElements(row).isEmpty() ? true : null);
            JsonObject flushed = Api.admin().get("/api/v1/admin/dedup/stats?tenant_id=" + tenant).json();
            assertEquals(0, flushed.getJsonNumber("images").longValue(), flushed::toString);
            assertEquals(0, flushed.getJsonNumber("image_checks").longValue(), "hit counts start over");

            browser.click(By.id("flush-all"));
            browser.click(By.cssSelector("#flush-all.confirming"));
            browser.textContaining(By.id("flash"), "of every tenant");
            assertEquals(0, Api.admin().get("/api/v1/admin/dedup/stats").json().getJsonNumber("images").longValue());
            browser.textContaining(By.id("dedup-tenants"), "the cache is empty");
        }
    }

    // ------------------------------------------------------------------ dead letters

    @Test
    void aPoisonMessageShowsOnTheDeadLetterPageAndRetrySendsItBack() throws Exception {
        String poison = UUID.randomUUID().toString();
        String batch = UUID.randomUUID().toString();
        sendTagged("visage.images", "{\"job_id\": \"" + poison + "\"", Map.of());   // truncated JSON
        // What a failed batch item will look like once batches exist: parked by Visage for
        // visage.expiry, which has no consumer, so the retried message can be watched there.
        sendTagged("visage.DLQ", "{\"batch_id\":\"" + batch + "\",\"items\":[{\"url\":\"http://example.test/a.jpg\"}]}",
                Map.of("visage_original_queue", "visage.expiry", "visage_failure_reason", "batch item failed: " + batch,
                        "visage_delivery_attempts", 5, "visage_failed_at", Instant.now().toString()));
        JsonObject poisoned = awaitDeadLetter(poison);
        assertTrue(poisoned.getString("failure_reason").startsWith("malformed JSON"), poisoned::toString);
        assertEquals("visage.images", poisoned.getString("original_queue"));

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/dead-letters");
            By poisonCard = card(poisoned.getJsonNumber("id").longValue());
            String text = browser.text(poisonCard);
            assertTrue(text.contains("malformed JSON"), text);
            assertTrue(text.contains("visage.images"), text);
            assertTrue(text.contains(poison), "the body is shown: " + text);
            long batchId = awaitDeadLetter(batch).getJsonNumber("id").longValue();
            WebElement body = browser.find(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] pre.body"));
            assertEquals("yes", body.getAttribute("data-json"));
            assertTrue(body.getText().contains("\n") && body.getText().contains("\"batch_id\": \"" + batch + "\""),
                    "pretty-printed JSON: " + body.getText());
            browser.click(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] details summary"));
            String properties = browser.text(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] .kv"));
            assertTrue(properties.contains("visage_failure_reason"), properties);
            browser.screenshot("dead-letters");

            // Retry one: the message really goes back to its original queue, and the counters move.
            long batchAdded = queue("visage.expiry").getJsonNumber("messages_added").longValue();
            browser.click(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] button[data-action=retry]"));
            browser.textContaining(By.id("flash"), "1 to visage.expiry");
            browser.until(d -> d.findElements(card(batchId)).isEmpty() ? true : null);
            assertEquals(batchAdded + 1, queue("visage.expiry").getJsonNumber("messages_added").longValue());
            Message back = Broker.receive("visage.expiry", TEST_PROPERTY + " = '" + RUN + "'", Duration.ofSeconds(10));
            assertNotNull(back, "the retried message waits on visage.expiry");
            assertTrue(((TextMessage) back).getText().contains(batch));

            // Retry the poison: it goes back to visage.images, where the worker dead-letters it again,
            // now remembering when it first failed.
            long imagesAdded = queue("visage.images").getJsonNumber("messages_added").longValue();
            browser.click(By.cssSelector(cssOf(poisonCard) + " button[data-action=retry]"));
            browser.textContaining(By.id("flash"), "1 to visage.images");
            Waits.until(Duration.ofSeconds(30), () -> queue("visage.images").getJsonNumber("messages_added").longValue(),
                    n -> n > imagesAdded, "visage.images to receive the retried message");
            JsonObject again = Waits.until(Duration.ofSeconds(30), () -> deadLetter(poison),
                    d -> d.isPresent() && d.get().getJsonNumber("id").longValue() != poisoned.getJsonNumber("id").longValue(),
                    "the poison to be dead-lettered again").orElseThrow();
            assertEquals(poisoned.getString("first_failed_at"), again.getString("first_failed_at"), again::toString);

            // Export holds it; delete removes it.
            Reply export = http("GET", "/console/api/dead-letters/export", basic("admin", Api.ADMIN_KEY));
            assertEquals(200, export.status());
            assertTrue(export.header("Content-Disposition").startsWith("attachment"), export::toString);
            JsonArray exported = Json.createReader(new StringReader(export.body())).readArray();
            assertTrue(exported.stream().anyMatch(d -> bodyOf(d).contains(poison)), "export contains the poison");

            long againId = again.getJsonNumber("id").longValue();
            browser.until(d -> d.findElements(card(againId)).isEmpty() ? null : true);
            browser.click(By.cssSelector(cssOf(card(againId)) + " button[data-action=delete]"));
            browser.click(By.cssSelector(cssOf(card(againId)) + " button[data-action=delete].confirming"));
            browser.until(d -> d.findElements(card(againId)).isEmpty() ? true : null);
            assertTrue(deadLetter(poison).isEmpty(), "deleted");
        }
    }

    @Test
    void retryAllSendsEveryDeadLetterBackToItsQueue() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        for (String marker : List.of(a, b)) {
            sendTagged("visage.DLQ", "{\"batch_id\":\"" + marker + "\"}", Map.of("visage_original_queue", "visage.expiry",
                    "visage_failure_reason", "batch item failed", "visage_failed_at", Instant.now().toString()));
        }
        awaitDeadLetter(a);
        awaitDeadLetter(b);
        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/dead-letters");
            browser.find(By.cssSelector("#dlq-total"));
            browser.click(By.id("retry-all"));
            browser.click(By.cssSelector("#retry-all.confirming"));
            browser.textContaining(By.id("flash"), "to visage.expiry");
        }
        List<String> received = new ArrayList<>();
        Message m;
        while ((m = Broker.receive("visage.expiry", TEST_PROPERTY + " = '" + RUN + "'", Duration.ofSeconds(5))) != null) {
            received.add(((TextMessage) m).getText());
        }
        assertTrue(received.stream().anyMatch(t -> t.contains(a)) && received.stream().anyMatch(t -> t.contains(b)),
                "both went back to visage.expiry: " + received);
        assertTrue(deadLetter(a).isEmpty() && deadLetter(b).isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private static String pipelineTenant;

    /**
     * A tenant of this run whose photo went through the face pipeline twice (multipart ingest):
     * the second pass is a duplicate, so stats, dedup hits and stored faces all have live data.
     */
    static synchronized String pipelineTenant() {
        if (pipelineTenant == null) {
            String tenant = "console-" + RUN.substring(0, 8);
            for (int pass = 1; pass <= 2; pass++) {
                Api.Reply r = IngestPipelineIT.tenant(tenant).postMultipart("/api/v1/ingest", Map.of("site", "console-it"),
                        "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
                assertEquals(202, r.status(), r::toString);
                IngestPipelineIT.awaitDone(tenant, pass, Duration.ofMinutes(2));
            }
            pipelineTenant = tenant;
        }
        return pipelineTenant;
    }

    /** Sends a text message carrying this run's marker property (and any others). */
    static void sendTagged(String queue, String body, Map<String, Object> properties) {
        try (JMSContext context = Broker.connectionFactory().createContext()) {
            TextMessage message = context.createTextMessage(body);
            message.setStringProperty(TEST_PROPERTY, RUN);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            context.createProducer().send(context.createQueue(queue), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the image has loaded real pixels (a broken image has no natural width). */
    static void assertThumbnailShown(Browser browser, By image) {
        browser.until(d -> {
            WebElement img = d.findElement(image);
            Object loaded = ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0;", img);
            return Boolean.TRUE.equals(loaded) ? true : null;
        });
    }

    /** A console API answer (HTTP Basic), as JSON. */
    static JsonValue consoleJson(String path) {
        Reply reply = http("GET", path, basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readValue();
    }

    static JsonObject awaitDeadLetter(String marker) {
        return Waits.until(Duration.ofSeconds(30), () -> deadLetter(marker), Optional::isPresent,
                "a dead letter with " + marker).orElseThrow();
    }

    /** The dead letter whose body contains the marker, through the console's own API. */
    static Optional<JsonObject> deadLetter(String marker) {
        Reply reply = http("GET", "/console/api/dead-letters/export", basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readArray().stream()
                .map(JsonValue::asJsonObject).filter(d -> bodyOf(d).contains(marker)).findFirst();
    }

    static String bodyOf(JsonValue deadLetter) {
        JsonObject d = deadLetter.asJsonObject();
        // JSON-B leaves out null fields: a non-text body has no "body".
        return d.getString("body", "");
    }

    static JsonObject queue(String name) {
        Reply reply = http("GET", "/console/api/queues", basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readObject().getJsonArray("queues").stream()
                .map(JsonValue::asJsonObject).filter(q -> q.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + name + " in " + reply.body()));
    }

    static By card(long id) {
        return By.cssSelector("article.dead-letter[data-id='" + id + "']");
    }

    static String cssOf(By by) {
        return by.toString().replaceFirst("^By\\.cssSelector: ", "");
    }

    static long number(String shown) {
        return Long.parseLong(shown.replaceAll("[^0-9]", ""));
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        @Override
        public String toString() {
            return status + " " + response.headers().map() + " " + body;
        }
    }

    static Reply http(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + System.getProperty("visage.test.http.port", "9081") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
