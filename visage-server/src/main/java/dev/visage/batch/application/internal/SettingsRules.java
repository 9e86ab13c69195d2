package dev.visage.batch.application.internal;

import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.WebhookTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules every batch request shares. Defaults are the digest service's: confidence 0.5,
 * threads 4; priority 4 (the JMS default).
 */
final class SettingsRules {

    static final double DEFAULT_CONFIDENCE = 0.5;
    static final int DEFAULT_THREADS = 4;
    static final int DEFAULT_PRIORITY = 4;
    static final int MAX_THREADS = 64;
    static final int MAX_GROUP_LENGTH = 255;
    static final int MIN_SECRET_LENGTH = 16;

    private SettingsRules() {
    }

    /**
     * @param names the wire names of group, confidence, threads, priority, webhook url and secret
     */
    static BatchJob.Settings check(String groupId, Double confidence, Integer threads, Integer priority, String webhookUrl,
                                   String webhookSecret, WebhookTargets targets, List<String> names,
                                   List<Map.Entry<String, String>> problems) {
        if (groupId == null || groupId.isBlank()) {
            problems.add(Map.entry(names.get(0), "is required"));
        } else if (groupId.length() > MAX_GROUP_LENGTH) {
            problems.add(Map.entry(names.get(0), "must be at most " + MAX_GROUP_LENGTH + " characters"));
        }
        double c = confidence == null ? DEFAULT_CONFIDENCE : confidence;
        if (!(c >= 0 && c <= 1)) {
            problems.add(Map.entry(names.get(1), "must be between 0 and 1"));
        }
        int t = threads == null ? DEFAULT_THREADS : threads;
        if (t < 1 || t > MAX_THREADS) {
            problems.add(Map.entry(names.get(2), "must be between 1 and " + MAX_THREADS));
        }
        int p = priority == null ? DEFAULT_PRIORITY : priority;
        if (p < 0 || p > 9) {
            problems.add(Map.entry(names.get(3), "must be a JMS priority between 0 (lowest) and 9 (highest)"));
        }
        String url = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        String secret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        if (url != null) {
            try {
                targets.check(url);
            } catch (WebhookTargets.Refused e) {
                problems.add(Map.entry(names.get(4), e.getMessage()));
            }
            if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.length() > 255) {
                problems.add(Map.entry(names.get(5), "a webhook needs a secret of " + MIN_SECRET_LENGTH
                        + "-255 characters (its HMAC key)"));
            }
        } else if (secret != null) {
            problems.add(Map.entry(names.get(5), "is only used with " + names.get(4)));
        }
        return new BatchJob.Settings(c, t, p, url, secret);
    }

    static void throwIfAny(List<Map.Entry<String, String>> problems) throws InvalidBatchRequest {
        if (!problems.isEmpty()) {
            throw new InvalidBatchRequest(new ArrayList<>(problems));
        }
    }
}
