/**
 * The Java client for kiosk backends: recognition over Jakarta Messaging request-reply
 * ({@link dev.visage.client.RecognitionClient}). Its own module, visage-client: it depends on visage-contracts
 * (operation and queue names) and the Jakarta Messaging and JSON-P APIs, never on the server; it speaks only the
 * JSON protocol of {@code visage.recognition.requests}.
 */
package dev.visage.client;
