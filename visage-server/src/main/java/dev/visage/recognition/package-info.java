/**
 * The {@code recognition} context. Owns: Kiosk recognition: companies, users and their enrolled faces, the in-memory company cache, and the request-reply queue and management topic visage.recognition.*.
 *
 * <p>May call: access and inference, through their application packages; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.recognition;
