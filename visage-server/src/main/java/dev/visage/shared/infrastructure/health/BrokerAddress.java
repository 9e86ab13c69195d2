package dev.visage.shared.infrastructure.health;

import java.util.ArrayList;
import java.util.List;

/**
 * One broker of the resource adapter's connection parameters: {@code host=a;port=61616}, several
 * separated by commas ({@code host=a;port=61616,host=b;port=61617}), the Artemis adapter's syntax.
 */
record BrokerAddress(String host, int port) {

    BrokerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a broker entry needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port out of range: " + port);
        }
    }

    /** Every entry; a malformed one fails start-up with the entry named, rather than a check that is always DOWN. */
    static List<BrokerAddress> parseAll(String connectionParameters) {
        if (connectionParameters == null || connectionParameters.isBlank()) {
            throw new IllegalArgumentException("visage.broker.connection-parameters is empty");
        }
        List<BrokerAddress> out = new ArrayList<>();
        for (String entry : connectionParameters.split(",")) {
            out.add(parse(entry.trim()));
        }
        return List.copyOf(out);
    }

    private static BrokerAddress parse(String entry) {
        String host = null;
        Integer port = null;
        for (String pair : entry.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("broker entry '" + entry + "': '" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (key.equals("host")) {
                host = value;
            } else if (key.equals("port")) {
                try {
                    port = Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("broker entry '" + entry + "': port '" + value + "' is not a number", e);
                }
            }
        }
        if (host == null || port == null) {
            throw new IllegalArgumentException("broker entry '" + entry + "' needs host= and port=");
        }
        return new BrokerAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
