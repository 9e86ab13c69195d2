package dev.visage.shared.storage;

import java.util.regex.Pattern;

/** Validates bucket names and object keys so that no key can escape its bucket. */
public final class ObjectKeys {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KEY_SEGMENT = Pattern.compile("[A-Za-z0-9._=@+-]{1,255}");

    private ObjectKeys() {
    }

    public static String requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket must be 3-63 characters of a-z, 0-9, '.', '-'");
        }
        return bucket;
    }

    public static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024 || key.startsWith("/")) {
            throw new IllegalArgumentException("key must be a relative path of at most 1024 characters");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !KEY_SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("key segment '" + segment + "' is not allowed");
            }
        }
        return key;
    }
}
