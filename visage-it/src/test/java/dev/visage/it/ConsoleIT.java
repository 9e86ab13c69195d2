package dev.visage.it;

import static dev.visage.it.ConsoleSupport.RUN;
import static dev.visage.it.ConsoleSupport.assertThumbnailShown;
import static dev.visage.it.ConsoleSupport.basic;
import static dev.visage.it.ConsoleSupport.consoleJson;
import static dev.visage.it.ConsoleSupport.http;
import static dev.visage.it.ConsoleSupport.number;
import static dev.visage.it.ConsoleSupport.pipelineTenant;
import static dev.visage.it.ConsoleSupport.queue;
import static dev.visage.it.ConsoleSupport.sendTagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.it.ConsoleSupport.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real headless Chromium against the real server, broker and database: sign-in and 401
 * without credentials, the overview, queues, stats, people and dedup pages with live data. The jobs page:
 * {@link ConsoleJobsIT}; dead letters: {@link ConsoleDeadLettersIT}. Screenshots go to target/screenshots/.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class ConsoleIT {

    @AfterAll
    static void removeOurDeadLetters() {
        ConsoleSupport.removeOurDeadLetters();
    }


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

            browser.clickUntil(row, By.cssSelector("#timings-scope[data-scope='" + tenant + "']"));
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
}
