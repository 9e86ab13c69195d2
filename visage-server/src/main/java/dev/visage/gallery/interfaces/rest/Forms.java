package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Multipart fields, base64 images and the number/date parsing every gallery endpoint shares. */
final class Forms {

    private final Map<String, EntityPart> parts = new HashMap<>();
    private final BodyLimits limits;

    Forms(List<EntityPart> parts, BodyLimits limits) {
        if (parts != null) {
            parts.forEach(p -> this.parts.putIfAbsent(p.getName(), p));
        }
        this.limits = limits;
    }

    String text(String name) {
        EntityPart part = parts.get(name);
        if (part == null) {
            return null;
        }
        try (InputStream in = part.getContent()) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            throw ProblemException.badRequest(name, "unreadable: " + e.getMessage());
        }
    }

    byte[] file(String name) {
        EntityPart part = parts.get(name);
        if (part == null) {
            throw ProblemException.badRequest(name, "multipart field '" + name + "' is required");
        }
        byte[] bytes = limits.readImage(name, part.getContent());
        if (bytes.length == 0) {
            throw ProblemException.badRequest(name, "the file is empty");
        }
        return bytes;
    }

    /** A base64 image (a data: URL prefix is accepted); null when absent. */
    static byte[] base64(String field, String value, BodyLimits limits) {
        return limits.base64Image(field, value);
    }

    static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "not an integer");
        }
    }

    static Double number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "not a number");
        }
    }

    /** ISO-8601 instant or offset date-time, or a date (midnight UTC). */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "not an ISO-8601 date or date-time (e.g. 2026-11-22 or 2026-11-22T10:00:00Z)");
        }
    }
}
