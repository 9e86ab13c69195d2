package dev.visage.shared.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The size limits of request bodies, one setting per kind of body (docs/limits.md), and the
 * reading of images under them. Every resource reads images through here, so that an image
 * is bounded the same way whether it comes as a multipart file or as base64 JSON.
 */
@ApplicationScoped
public class BodyLimits {

    public static final String IMAGE_SETTING = "visage.limits.image-bytes";
    public static final String JSON_SETTING = "visage.limits.json-bytes";
    public static final String IMPORT_SETTING = "visage.limits.import-bytes";
    public static final String ARCHIVE_SETTING = "visage.batch.zip.max-upload-bytes";

    /** What a body carries; it decides the limit. */
    public enum Kind {
        /** Plain JSON (ingest arrays, digests, image lists, cluster edits, ...). */
        JSON,
        /** Multipart with image files plus small form fields. */
        IMAGES,
        /** JSON with base64 images plus small fields. */
        BASE64_IMAGES,
        /** An administrator's bulk import of a kiosk gallery. */
        IMPORT,
        /** A ZIP upload, streamed to storage (never buffered). */
        ARCHIVE
    }

    /** A body's limit and the setting that raises it. */
    public record Limit(long bytes, String setting) {
    }

    private final long imageBytes;
    private final long jsonBytes;
    private final long importBytes;
    private final long archiveBytes;

    @Inject
    public BodyLimits(@ConfigProperty(name = IMAGE_SETTING) long imageBytes,
                      @ConfigProperty(name = JSON_SETTING) long jsonBytes,
                      @ConfigProperty(name = IMPORT_SETTING) long importBytes,
                      @ConfigProperty(name = ARCHIVE_SETTING) long archiveBytes) {
        if (imageBytes < 1 || imageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(IMAGE_SETTING + " must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        this.imageBytes = imageBytes;
        this.jsonBytes = jsonBytes;
        this.importBytes = importBytes;
        this.archiveBytes = archiveBytes;
    }

    /** For CDI proxies only. */
    protected BodyLimits() {
        this.imageBytes = 0;
        this.jsonBytes = 0;
        this.importBytes = 0;
        this.archiveBytes = 0;
    }

    public long imageBytes() {
        return imageBytes;
    }

    /** The limit of a resource method's body: its {@link BodyLimit}, else by media type. */
    public Limit of(Method method, MediaType type) {
        BodyLimit declared = method == null ? null : method.getAnnotation(BodyLimit.class);
        if (declared != null) {
            return of(declared.value(), declared.images());
        }
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return of(Kind.IMAGES, 1);
        }
        return of(Kind.JSON, 0);
    }

    /** Images plus {@code json-bytes} of room for the form fields, field names and multipart headers. */
    public Limit of(Kind kind, int images) {
        return switch (kind) {
            case JSON -> new Limit(jsonBytes, JSON_SETTING);
            case IMAGES -> new Limit(images * imageBytes + jsonBytes, IMAGE_SETTING);
            case BASE64_IMAGES -> new Limit(images * base64Length(imageBytes) + jsonBytes, IMAGE_SETTING);
            case IMPORT -> new Limit(importBytes, IMPORT_SETTING);
            case ARCHIVE -> new Limit(archiveBytes, ARCHIVE_SETTING);
        };
    }

    /** One image from a stream (a multipart file): 413 past {@code image-bytes}, without reading further. */
    public byte[] readImage(String field, InputStream in) {
        byte[] bytes;
        try (in) {
            bytes = in.readNBytes((int) imageBytes + 1);
        } catch (IOException | RuntimeException e) {
            BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw ProblemException.badRequest(field, "unreadable: " + e.getMessage());
        }
        if (bytes.length > imageBytes) {
            throw new BodyTooLargeException(field, imageBytes, IMAGE_SETTING);
        }
        return bytes;
    }

    /** A base64 image (a {@code data:} URL prefix is accepted); null when absent; 413 past {@code image-bytes}. */
    public byte[] base64Image(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String data = value.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        requireBase64Within(field, data);
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "not valid base64: " + e.getMessage());
        }
    }

    /** 413 when a base64 string decodes to more than {@code image-bytes}; checked before decoding, so it is never copied. */
    public void requireBase64Within(String field, String base64) {
        if (base64 != null && (long) base64.length() * 3 / 4 > imageBytes + 3) {
            throw new BodyTooLargeException(field, imageBytes, IMAGE_SETTING);
        }
    }

    /** Characters of base64 for {@code bytes} bytes, with MIME line breaks (76 characters + CRLF). */
    static long base64Length(long bytes) {
        long chars = (bytes + 2) / 3 * 4;
        return chars + chars / 76 * 2;
    }
}
