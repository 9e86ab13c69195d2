/**
 * The shared kernel. Owns: problem+json rendering, the object-store port, the message consumer template
 * ({@code messaging.MessageConsumer}), the one sender ({@code messaging.MessageSender}) and dead letters, health
 * checks, schema migration, SQL value helpers and the image sniffer ({@code io.ImageSniffer}). No tables of its own
 * besides the schema history.
 *
 * <p>May call: nothing outside itself. Every context may use it.
 */
package dev.visage.shared;
