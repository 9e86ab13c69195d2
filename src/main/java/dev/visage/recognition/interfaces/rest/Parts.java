package dev.visage.recognition.interfaces.rest;

import dev.visage.recognition.application.Images;
import dev.visage.recognition.application.RecognitionException;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Multipart form fields and files by name. */
final class Parts {

    private final Map<String, EntityPart> byName = new HashMap<>();

    Parts(List<EntityPart> parts) {
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
        try (InputStream in = part.getContent()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] base64(String field, String value) {
        return Images.fromBase64(field, value);
    }
}
