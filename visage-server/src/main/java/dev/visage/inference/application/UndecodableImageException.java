package dev.visage.inference.application;

/** The bytes are not an image Visage can read, or one it refuses (too many pixels). */
public class UndecodableImageException extends Exception {

    public UndecodableImageException(String message) {
        super(message);
    }
}
