package dev.visage.it;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one server of the integration tests: liberty-maven-plugin starts it before failsafe (see
 * visage-it/pom.xml); this extension, registered for every test class of the module
 * (META-INF/services, junit-platform.properties), waits once per test JVM until the application
 * in it reports ready, so that no test sees a server that is still loading its models. Surefire's
 * tests in this module (manifest checks) get no server and are not held up.
 */
public final class SuiteServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Boolean.getBoolean("visage.suite.server")) {
            return; // not run by failsafe (visage-it/pom.xml sets it there): no suite server
        }
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("ready", key -> awaitReady(), Api.Reply.class);
    }

    private static Api.Reply awaitReady() {
        return Waits.until(Duration.ofMinutes(5), () -> Api.server().get("/health/ready"), r -> r.status() == 200,
                "the suite's server ready (GET /health/ready 200)");
    }
}
