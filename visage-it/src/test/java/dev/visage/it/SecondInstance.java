package dev.visage.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A second Visage instance (Liberty server {@code <test server>-2}, created by the build with
 * the same WAR) on the test broker and database, on the test ports + 1.
 */
public final class SecondInstance implements AutoCloseable {

    private final Path wlp = Path.of(System.getProperty("visage.wlp", "visage-server/target/liberty/wlp"));
    private final int httpPort = Integer.getInteger("visage.test.http.port", 9081) + 1;
    private final String name = System.getProperty("visage.test.server", "visage-test") + "-2";
    private final Map<String, String> extraEnv;

    private SecondInstance(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public static SecondInstance start() {
        return start(Map.of());
    }

    /** Starts with extra environment variables (configuration, JVM_ARGS) on top of the test run's. */
    public static SecondInstance start(Map<String, String> env) {
        SecondInstance instance = new SecondInstance(env);
        instance.server("start");
        Waits.until(Duration.ofSeconds(300), () -> instance.api().get("/health/ready").status(), s -> s == 200,
                "the second instance to be ready on port " + instance.httpPort);
        return instance;
    }

    public Api api() {
        return Api.forPort(httpPort);
    }

    /** Starts the (stopped or killed) server again and waits until it is ready. */
    public SecondInstance restart() {
        server("start");
        Waits.until(Duration.ofSeconds(300), () -> api().get("/health/ready").status(), s -> s == 200,
                "the second instance to be ready again on port " + httpPort);
        return this;
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hooks, no graceful stop of the MDBs. */
    public void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid/" + name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "no process " + pid + " for " + name));
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not kill " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
