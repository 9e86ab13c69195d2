package dev.visage.it;

import static dev.visage.it.ConsoleSupport.RUN;
import static dev.visage.it.ConsoleSupport.TEST_PROPERTY;
import static dev.visage.it.ConsoleSupport.awaitDeadLetter;
import static dev.visage.it.ConsoleSupport.basic;
import static dev.visage.it.ConsoleSupport.bodyOf;
import static dev.visage.it.ConsoleSupport.card;
import static dev.visage.it.ConsoleSupport.cssOf;
import static dev.visage.it.ConsoleSupport.deadLetter;
import static dev.visage.it.ConsoleSupport.http;
import static dev.visage.it.ConsoleSupport.queue;
import static dev.visage.it.ConsoleSupport.sendTagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.it.ConsoleSupport.Reply;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's dead-letter page in a real headless Chromium: a poison message shows with its reason and goes back
 * to its queue on retry; retry-all, delete and export.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class ConsoleDeadLettersIT {

    @AfterAll
    static void removeOurDeadLetters() {
        ConsoleSupport.removeOurDeadLetters();
    }

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
}
