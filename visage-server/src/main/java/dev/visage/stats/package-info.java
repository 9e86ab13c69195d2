/**
 * The {@code stats} context. Owns: Pipeline counters and stage timings, global and per tenant: stats_counters, stats_timings, stats_minutes.
 *
 * <p>May call: access, through its application package; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.stats;
