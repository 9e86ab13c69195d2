/**
 * The {@code batch} context. Owns: Digests of folders, S3 prefixes and ZIP uploads into a group: batch_jobs, batch_items, batch_webhooks; the queue visage.batch.
 *
 * <p>May call: access and ingest (GroupIngest), through their application packages; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.batch;
