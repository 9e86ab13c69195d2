package dev.visage.recognition.application;

/** The kiosk health answer: "healthy" or "unhealthy", the time to answer, and which instance answered. */
public record Health(String status, double responseTimeMs, WorkerInfo workerInfo) {

    public record WorkerInfo(String workerId, long uptimeSeconds, int galleryCompanies, String model) {
    }
}
