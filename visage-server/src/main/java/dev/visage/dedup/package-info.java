/**
 * The {@code dedup} context. Owns: Near-duplicate images and faces: dedup_images, dedup_faces, dedup_counters, dedup_flushes and the in-memory pHash index.
 *
 * <p>May call: shared only. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.dedup;
