package dev.visage.shared.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Artemis acceptor takes connections. A socket probe, not a JMS connection: the
 * resource adapter retries forever by design, and a probe must answer within a second.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    private final String host;
    private final int port;

    @Inject
    public BrokerHealthCheck(@ConfigProperty(name = "visage.broker.host") String host,
                             @ConfigProperty(name = "visage.broker.port") int port) {
        this.host = host;
        this.port = port;
    }

    /** For CDI proxies only. */
    protected BrokerHealthCheck() {
        this.host = null;
        this.port = 0;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("broker").withData("address", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return builder.up().build();
        } catch (IOException e) {
            return builder.down().withData("error", e.getMessage()).build();
        }
    }
}
