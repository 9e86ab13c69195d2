/**
 * The {@code console} context. Owns: The admin console at /console. Owns no data: it composes the other contexts' application services.
 *
 * <p>May call: access, batch, dedup, ingest, recognition and stats, through their application packages; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.console;
