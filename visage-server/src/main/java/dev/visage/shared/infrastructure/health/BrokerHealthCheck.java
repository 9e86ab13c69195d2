package dev.visage.shared.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A broker the resource adapter knows takes connections. A socket probe, not a JMS connection:
 * the resource adapter retries forever by design, and a probe must answer within a second. With a
 * replicated pair the adapter knows both brokers; only the live one has its acceptor open, so the
 * check is UP while either of them is live and says which one is.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    private final List<BrokerAddress> brokers;

    @Inject
    public BrokerHealthCheck(@ConfigProperty(name = "visage.broker.connection-parameters") String connectionParameters) {
        this.brokers = BrokerAddress.parseAll(connectionParameters);
    }

    /** For CDI proxies only. */
    protected BrokerHealthCheck() {
        this.brokers = List.of();
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("broker").withData("addresses", String.join(",",
                brokers.stream().map(BrokerAddress::toString).toList()));
        List<String> errors = new ArrayList<>();
        for (BrokerAddress broker : brokers) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(broker.host(), broker.port()), 1000);
                return builder.up().withData("address", broker.toString()).build();
            } catch (IOException e) {
                errors.add(broker + ": " + e.getMessage());
            }
        }
        return builder.down().withData("error", String.join("; ", errors)).build();
    }
}
