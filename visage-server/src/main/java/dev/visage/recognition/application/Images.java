package dev.visage.recognition.application;

import java.util.Base64;

/** Base64 image payloads of the kiosk contract (plain or as a data: URL). */
public final class Images {

    private Images() {
    }

    /** The decoded bytes; anything that is not base64 is the kiosk's "Image processing failed". */
    public static byte[] fromBase64(String field, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw RecognitionException.validation(field + " is required");
        }
        String data = base64.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new RecognitionException(RecognitionException.Kind.INVALID_IMAGE, RecognitionException.BAD_IMAGE);
        }
    }
}
