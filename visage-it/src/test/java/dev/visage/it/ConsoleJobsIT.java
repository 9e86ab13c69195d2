package dev.visage.it;

import static dev.visage.it.ConsoleSupport.basic;
import static dev.visage.it.ConsoleSupport.consoleJson;
import static dev.visage.it.ConsoleSupport.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.it.ConsoleSupport.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console's jobs page in a real headless Chromium: image jobs by status with their failure reasons, further
 * kinds of jobs as tabs, digests and ZIP batches with progress, filters, outcomes, live updates and cancel.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class ConsoleJobsIT {

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
            browser.clickUntil(bigRow, By.cssSelector("#batch-detail[data-job='" + bigId + "']"));
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
            browser.clickUntil(zipRow, By.cssSelector("#batch-detail[data-job='" + zipId + "']"));
            browser.click(By.cssSelector("#batch-item-filter button[data-status=skipped]"));
            browser.textContaining(By.cssSelector("#batch-items tr[data-path='readme.txt'][data-status=skipped]"),
                    "not an image: .txt file");

            // The digest's detail: every image with its outcome, the broken one with its error.
            browser.clickUntil(digestRow, By.cssSelector("#batch-detail[data-job='" + digestId + "']"));
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
}
