package dev.visage.recognition.application;

import java.time.Instant;

/** A user of a company with how many faces it has enrolled (the console's listing). */
public record UserSummary(String companyId, String userId, long faces, Instant createdAt) {
}
