/**
 * The {@code inference} context. Owns: Image decoding and the ONNX models: detect, align, embed, assess; the recognisers' match thresholds (MatchThresholds). No tables.
 *
 * <p>May call: shared only. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.inference;
