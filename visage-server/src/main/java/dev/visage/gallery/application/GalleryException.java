package dev.visage.gallery.application;

/**
 * A request the gallery cannot serve as asked; {@code field} names the input at fault (null when none)
 * and {@code kind} says how the REST layer answers.
 */
public class GalleryException extends Exception {

    public enum Kind { INVALID, UNPROCESSABLE, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public GalleryException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static GalleryException invalid(String field, String message) {
        return new GalleryException(Kind.INVALID, field, message);
    }

    public static GalleryException unprocessable(String field, String message) {
        return new GalleryException(Kind.UNPROCESSABLE, field, message);
    }

    public static GalleryException notFound(String message) {
        return new GalleryException(Kind.NOT_FOUND, null, message);
    }

    public static GalleryException conflict(String message) {
        return new GalleryException(Kind.CONFLICT, null, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
