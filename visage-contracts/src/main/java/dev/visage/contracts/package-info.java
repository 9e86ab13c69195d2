/**
 * What a producer and Visage agree on, and nothing else: the ingest message, the recognition
 * request-queue operations, the dead-letter properties, the default queue names and the limits of
 * every identifier a client sends ({@link dev.visage.contracts.Field}). Plain Java with no
 * dependencies, so that the server, the Java client and any JMS application can share it.
 */
package dev.visage.contracts;
