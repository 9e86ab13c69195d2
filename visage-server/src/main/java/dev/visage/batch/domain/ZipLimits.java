package dev.visage.batch.domain;

import java.util.Optional;

/**
 * What a ZIP upload may expand to. Entries are measured while they are read (the sizes an
 * archive declares are not trusted): an entry beyond {@code maxEntryBytes} or expanding more
 * than {@code maxRatio} times its compressed size is a zip bomb and is refused; once the
 * archive has expanded to {@code maxTotalBytes} (or {@code maxEntries} entries) extraction stops.
 *
 * @param ratioFloor entries smaller than this are not checked for their ratio (tiny files compress well)
 */
public record ZipLimits(long maxUploadBytes, long maxEntryBytes, long maxTotalBytes, double maxRatio, long ratioFloor,
                        int maxEntries) {

    /** Why a partially read entry must be abandoned, if it must. */
    public Optional<String> entryProblem(long uncompressed, long compressed) {
        if (uncompressed > maxEntryBytes) {
            return Optional.of("zip bomb: the entry expands beyond " + maxEntryBytes + " bytes");
        }
        if (uncompressed > ratioFloor && compressed > 0 && (double) uncompressed / compressed > maxRatio) {
            return Optional.of("zip bomb: the entry expands more than " + (long) maxRatio + " times its compressed size ("
                    + compressed + " bytes read expanded to " + uncompressed + ")");
        }
        return Optional.empty();
    }

    /** Why extraction must stop before reading more, if it must. */
    public Optional<String> archiveProblem(long totalUncompressed, long entries) {
        if (totalUncompressed > maxTotalBytes) {
            return Optional.of("zip bomb: the archive expands beyond " + maxTotalBytes + " bytes; extraction stopped");
        }
        if (entries > maxEntries) {
            return Optional.of("the archive has more than " + maxEntries + " entries; extraction stopped");
        }
        return Optional.empty();
    }

    /**
     * Why an entry name is unsafe to use (zip-slip): absolute, a drive letter, a backslash, a
     * NUL or a {@code ..} segment. Entries are stored by content hash, never under their name, but
     * an archive that tries this is refused entry by entry, with the reason.
     */
    public static Optional<String> unsafeName(String name) {
        if (name.isEmpty()) {
            return Optional.of("zip-slip: empty entry name");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("zip-slip: NUL in the entry name");
        }
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || (name.length() > 1 && name.charAt(1) == ':')) {
            return Optional.of("zip-slip: absolute or non-portable entry path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("zip-slip: the entry path climbs out of the archive (..)");
            }
        }
        return Optional.empty();
    }
}
