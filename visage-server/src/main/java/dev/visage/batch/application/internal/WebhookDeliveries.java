package dev.visage.batch.application.internal;

import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.WebhookClient;
import dev.visage.batch.domain.WebhookOutbox;
import dev.visage.batch.domain.WebhookSignature;
import dev.visage.batch.domain.WebhookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Delivers due completion webhooks: POST of the job's JSON, signed with the job's secret
 * (HMAC-SHA256, {@link WebhookSignature}); a 2xx answer is a delivery, anything else is retried
 * with exponential back-off until the attempts run out. Deliveries are claimed with SKIP LOCKED,
 * so instances never send the same attempt twice at once.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class.getName());
    /** Due deliveries handled per round (each may wait for its HTTP timeout). */
    private static final int ROUND = 5;

    private final WebhookOutbox outbox;
    private final BatchJobRepository jobs;
    private final WebhookClient client;
    private final BatchConfig config;
    private final Clock clock;

    @Inject
    public WebhookDeliveries(WebhookOutbox outbox, BatchJobRepository jobs, WebhookClient client, BatchConfig config,
                             Clock clock) {
        this.outbox = outbox;
        this.jobs = jobs;
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected WebhookDeliveries() {
        this(null, null, null, null, null);
    }

    /** One round; returns how many deliveries were attempted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deliverDue() {
        List<WebhookOutbox.Delivery> due = outbox.due(clock.instant(), ROUND);
        for (WebhookOutbox.Delivery d : due) {
            deliver(d);
        }
        return due.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<WebhookOutbox.State> state(java.util.UUID jobId) {
        return outbox.state(jobId);
    }

    private void deliver(WebhookOutbox.Delivery d) {
        Optional<BatchJob> job = jobs.find(d.jobId());
        Instant now = clock.instant();
        if (job.isEmpty() || job.get().webhookSecret() == null) {
            outbox.failed(d.jobId(), "the job or its secret is gone", null, null, now);
            return;
        }
        byte[] body = WebhookPayloads.json(Views.of(job.get())).getBytes(StandardCharsets.UTF_8);
        int attempt = d.attempts() + 1;
        try {
            URI target = config.webhookTargets().check(d.url());
            int status = client.post(target, body, Map.of(
                    "Content-Type", "application/json",
                    WebhookSignature.HEADER, WebhookSignature.sign(job.get().webhookSecret(), body),
                    "X-Visage-Event", "batch." + job.get().status().wire(),
                    "X-Visage-Delivery", d.jobId() + "/" + attempt));
            if (status >= 200 && status < 300) {
                outbox.delivered(d.jobId(), status, now);
                LOG.info(() -> "webhook of batch " + d.jobId() + " delivered (attempt " + attempt + ", HTTP " + status + ")");
            } else {
                retryOrGiveUp(d, attempt, "HTTP " + status, status, now);
            }
        } catch (WebhookTargets.Refused e) {
            outbox.failed(d.jobId(), "refused target: " + e.getMessage(), null, null, now);
        } catch (IOException e) {
            retryOrGiveUp(d, attempt, e.toString(), null, now);
        }
    }

    private void retryOrGiveUp(WebhookOutbox.Delivery d, int attempt, String reason, Integer status, Instant now) {
        Instant next = attempt >= config.webhookMaxAttempts() ? null : now.plus(config.webhookDelay(attempt));
        LOG.info(() -> "webhook of batch " + d.jobId() + " attempt " + attempt + " failed (" + reason + ")"
                + (next == null ? "; giving up" : "; next at " + next));
        outbox.failed(d.jobId(), reason, status, next, now);
    }
}
