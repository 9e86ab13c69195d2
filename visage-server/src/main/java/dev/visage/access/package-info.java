/**
 * The {@code access} context. Owns: API keys and tenants: an X-API-Key resolves to a tenant or an admin caller (api_keys).
 *
 * <p>May call: shared only. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.access;
