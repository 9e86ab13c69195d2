package dev.visage.recognition.interfaces.rest;

import dev.visage.recognition.application.Images;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.shared.interfaces.rest.BodyLimits;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Multipart form fields and files by name. */
final class Parts {

    private final Map<String, EntityPart> byName = new HashMap<>();
    private final BodyLimits limits;

    Parts(List<EntityPart> parts, BodyLimits limits) {
        this.limits = limits;
        if (parts != null) {
            parts.forEach(p -> byName.putIfAbsent(p.getName(), p));
        }
    }

    String text(String name) {
        EntityPart part = byName.get(name);
        if (part == null) {
            return null;
        }
        try {
            return part.getContent(String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] file(String name) {
        EntityPart part = byName.get(name);
        if (part == null) {
            throw RecognitionException.validation("multipart field '" + name + "' is required");
        }
        return limits.readImage(name, part.getContent());
    }

    /** A base64 image with the kiosk's errors, within the same limit as an uploaded file. */
    static byte[] base64(BodyLimits limits, String field, String value) {
        limits.requireBase64Within(field, value);
        return Images.fromBase64(field, value);
    }
}
