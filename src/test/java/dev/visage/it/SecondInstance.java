package dev.visage.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A second Visage instance (Liberty server {@code <test server>-2}, created by the build with
 * the same WAR) on the test broker and database, on the test ports + 1.
 */
public final class SecondInstance implements AutoCloseable {

    private final Path wlp = Path.of(System.getProperty("visage.wlp", "target/liberty/wlp"));
    private final int httpPort = Integer.getInteger("visage.test.http.port", 9081) + 1;
    private final String name = System.getProperty("visage.test.server", "visage-test") + "-2";
    private final Map<String, String> extraEnv;

    private SecondInstance(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public static SecondInstance start() {
        return start(Map.of());
    }

    /** Starts it with extra environment variables (e.g. JVM_ARGS for a smaller heap). */
    public static SecondInstance start(Map<String, String> extraEnv) {
        SecondInstance instance = new SecondInstance(extraEnv);
        instance.server("start");
        Waits.until(Duration.ofSeconds(300), () -> instance.api().get("/health/ready").status(), s -> s == 200,
                "the second instance to be ready on port " + instance.httpPort);
        return instance;
    }

    public Api api() {
        return Api.forPort(httpPort);
    }

    @Override
    public void close() {
        server("stop");
    }

    private void server(String action) {
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .inheritIO();
        Map<String, String> env = pb.environment();
        env.put("VISAGE_HTTP_PORT", Integer.toString(httpPort));
        int https = Integer.parseInt(System.getenv().getOrDefault("VISAGE_HTTPS_PORT", "9444")) + 1;
        env.put("VISAGE_HTTPS_PORT", Integer.toString(https));
        env.put("VISAGE_RECOGNITION_WORKER_ID", "instance-2");
        env.putAll(extraEnv);
        try {
            Process p = pb.start();
            if (p.waitFor() != 0 && action.equals("start")) {
                throw new IllegalStateException("server start " + name + " exited " + p.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
