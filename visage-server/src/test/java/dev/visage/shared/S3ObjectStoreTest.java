package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.shared.storage.ObjectStore;
import dev.visage.shared.storage.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 adapter against a real S3-compatible server: S3Proxy (org.gaul:s3proxy from Maven
 * Central, copied to target/s3proxy by the build), started by the test as its own process
 * on a free port, with a filesystem blobstore in a temporary folder and AWS v4 signatures.
 */
class S3ObjectStoreTest {

    static Process proxy;
    static Path dir;
    static int port;
    static S3ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("visage.s3proxy.jar", "visage-server/target/s3proxy/s3proxy.jar"));
        assertTrue(Files.isRegularFile(jar), "S3Proxy is copied by the build to " + jar);
        dir = Files.createTempDirectory("visage-s3proxy-");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("s3proxy.conf");
        Files.createDirectories(dir.resolve("blobs"));
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=visage-access",
                "s3proxy.credential=visage-secret",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("blobs"),
                ""));
        proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!proxy.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                Thread.sleep(100);
            }
        }
        store = new S3ObjectStore(new S3ObjectStore.Settings("http://127.0.0.1:" + port, "us-east-1",
                "visage-access", "visage-secret", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
    }

    @Test
    void putOpenListDeleteAgainstARealS3Server() throws Exception {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        store.probe();
        assertEquals(data.length, store.put("raw-images", "acme/2026/11/22/a.jpg", new ByteArrayInputStream(data),
                "image/jpeg"), "the bucket is created on first write");
        assertTrue(store.exists("raw-images", "acme/2026/11/22/a.jpg"));
        try (InputStream in = store.open("raw-images", "acme/2026/11/22/a.jpg").orElseThrow()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        store.put("raw-images", "acme/2026/11/22/b.jpg", new ByteArrayInputStream(new byte[] {1}), null);
        store.put("raw-images", "other/c.jpg", new ByteArrayInputStream(new byte[] {2}), null);
        List<ObjectStore.ObjectInfo> listed = store.list("raw-images", "acme/");
        assertEquals(List.of("acme/2026/11/22/a.jpg", "acme/2026/11/22/b.jpg"),
                listed.stream().map(ObjectStore.ObjectInfo::key).sorted().toList());
        assertEquals(data.length, listed.stream().filter(o -> o.key().endsWith("a.jpg")).findFirst().orElseThrow().size());

        assertTrue(store.delete("raw-images", "acme/2026/11/22/a.jpg"));
        assertFalse(store.delete("raw-images", "acme/2026/11/22/a.jpg"));
        assertFalse(store.exists("raw-images", "acme/2026/11/22/a.jpg"));
        assertTrue(store.open("raw-images", "acme/2026/11/22/a.jpg").isEmpty(), "missing object: empty, not an error");
        assertTrue(store.open("no-such-bucket", "x.jpg").isEmpty());
        assertEquals(List.of(), store.list("no-such-bucket", ""));
        assertTrue(store.describe().startsWith("s3:http://127.0.0.1:"));
    }

    @Test
    void keysThatEscapeTheirBucketAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> store.put("raw-images", "../x", new ByteArrayInputStream(new byte[1]), null));
    }

    @Test
    void wrongCredentialsAreAnIoFailure() {
        S3ObjectStore wrong = new S3ObjectStore(new S3ObjectStore.Settings("http://127.0.0.1:" + port,
                "us-east-1", "visage-access", "not-the-secret", true));
        assertThrows(IOException.class, wrong::probe);
    }
}
