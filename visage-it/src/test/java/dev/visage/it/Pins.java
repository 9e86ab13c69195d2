package dev.visage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions that scripts/postgres.sh pins, read from the script itself (the one place they are decided). */
public final class Pins {

    private Pins() {
    }

    static Path root() {
        return Path.of(System.getProperty("visage.root", "."));
    }

    /** The PostgreSQL major version the scripts install. */
    public static String postgresMajor() {
        return variable("PG_MAJOR", "([0-9]+)");
    }

    /** The upstream pgvector version: PGVECTOR_DEB_VERSION without the Debian revision. */
    public static String pgvector() {
        return variable("PGVECTOR_DEB_VERSION", "([0-9.]+)-[0-9A-Za-z.+~]+");
    }

    private static String variable(String name, String valuePattern) {
        String script;
        try {
            script = Files.readString(root().resolve("scripts/postgres.sh"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = Pattern.compile("(?m)^" + name + "=" + valuePattern + "$").matcher(script);
        if (!m.find()) {
            throw new IllegalStateException("scripts/postgres.sh no longer sets " + name);
        }
        return m.group(1);
    }
}
