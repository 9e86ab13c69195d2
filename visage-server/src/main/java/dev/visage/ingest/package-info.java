/**
 * The {@code ingest} context. Owns: Image jobs and the face pipeline: image_jobs, ingested_images, faces and dedicated_indexes; the queues visage.images and visage.ingest. Publishes StoredFaces, DedicatedIndexes, TenantEmbeddings, StoredFaceQueries and GroupIngest for the gallery, batch and console contexts.
 *
 * <p>May call: access, dedup, inference and stats, through their application packages; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.ingest;
