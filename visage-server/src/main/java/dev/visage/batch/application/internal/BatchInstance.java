package dev.visage.batch.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This instance's name as an enumeration lease owner: host, process and a start-up nonce, so
 * that a restarted instance does not mistake its predecessor's leases for its own.
 */
@ApplicationScoped
public class BatchInstance {

    private final String owner = host() + "/" + ProcessHandle.current().pid() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String owner() {
        return owner;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
