package dev.visage.recognition.application;

import java.time.Instant;

/** A company with how many users and faces it holds (the console's listing). */
public record CompanySummary(String companyId, long users, long faces, Instant createdAt) {
}
