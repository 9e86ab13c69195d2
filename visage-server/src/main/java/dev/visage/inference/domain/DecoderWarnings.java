package dev.visage.inference.domain;

import java.util.List;
import java.util.Locale;

/**
 * Turns a decoder's own warning text into the {@code warnings} entry Visage reports, so that
 * libjpeg-turbo and the JDK's reader word the same damage the same way: {@code truncated: ...}
 * when the data ends early (a failed download, the common case), {@code corrupt: ...} otherwise.
 */
public final class DecoderWarnings {

    /** A bit-flipped file can make a reader warn once per damaged segment; a few say enough. */
    public static final int MAX = 5;

    private DecoderWarnings() {
    }

    /** Adds the described warning unless it is already there or the list holds {@link #MAX}. */
    public static void collect(List<String> warnings, String decoderMessage) {
        String entry = describe(decoderMessage);
        if (warnings.size() < MAX && !warnings.contains(entry)) {
            warnings.add(entry);
        }
    }

    public static String describe(String decoderMessage) {
        String text = decoderMessage == null || decoderMessage.isBlank() ? "damaged data" : decoderMessage.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        // libjpeg: "Premature end of JPEG file" / "... of data segment"; the JDK: "Truncated File - Missing EOI marker"
        if (lower.contains("premature end") || lower.contains("truncated")) {
            return "truncated: " + decapitalise(text);
        }
        // libjpeg prefixes most of its warnings with this; the entry's own prefix says it already
        String detail = lower.startsWith("corrupt jpeg data: ") ? text.substring("corrupt jpeg data: ".length()) : text;
        return "corrupt: " + decapitalise(detail);
    }

    private static String decapitalise(String text) {
        // keep acronyms (JPEG, EOI) as they are; only a capitalised ordinary word is lowered
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
