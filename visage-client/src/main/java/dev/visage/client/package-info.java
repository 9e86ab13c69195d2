/**
 * The Java client for kiosk backends: recognition over Jakarta Messaging request-reply
 * ({@link dev.visage.client.RecognitionClient}). Not part of the WAR: the build ships it as the {@code client}
 * jar. May call: nothing of the server; it speaks only the JSON protocol of {@code visage.recognition.requests}.
 */
package dev.visage.client;
