package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/kubernetes parses, and agrees with the server's real configuration:
 * the HTTP port and probe paths Liberty serves, every setting server.xml needs from outside, every
 * variable a manifest sets being one the server or the application reads, the broker addresses and
 * queues broker/broker.xml declares, and the image pins the scripts use.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("visage.root", "."));
    final Manifests manifests = Manifests.load(ROOT.resolve("deploy/kubernetes"));
    final ServerConfiguration server = ServerConfiguration.load(ROOT);

    @Test
    void everyDocumentNamesItsKind() {
        assertTrue(manifests.documents().size() >= 15, "documents: " + manifests.documents().size());
        for (Map<String, Object> doc : manifests.documents()) {
            assertNotNull(doc.get("apiVersion"), doc::toString);
            assertNotNull(doc.get("kind"), doc::toString);
            assertNotNull(Manifests.at(doc, "metadata", "name"), doc::toString);
        }
    }

    @Test
    void visagePodsUseTheServersPortAndTheThreeProbes() {
        int http = Integer.parseInt(server.variables().get("VISAGE_HTTP_PORT"));
        assertTrue(server.features().contains("mpHealth-4.0"), "the probes need MicroProfile Health");

        Map<String, Object> ola = manifests.one("OpenLibertyApplication", "visage");
        assertEquals(http, Manifests.at(ola, "spec", "service", "targetPort"));
        assertTrue((Integer) Manifests.at(ola, "spec", "replicas") >= 2, "two pods at least");
        assertNotNull(Manifests.at(ola, "spec", "resources", "requests", "cpu"));
        Map<String, String> olaProbes = Map.of("startup", "/health/started", "liveness", "/health/live", "readiness", "/health/ready");
        olaProbes.forEach((probe, path) -> {
            assertEquals(path, Manifests.at(ola, "spec", "probes", probe, "httpGet", "path"), probe);
            assertEquals(http, Manifests.at(ola, "spec", "probes", probe, "httpGet", "port"), probe);
        });

        Map<String, Object> container = manifests.container("StatefulSet", "visage");
        assertEquals(http, Manifests.at(((List<?>) container.get("ports")).get(0), "containerPort"));
        Map<String, String> plainProbes = Map.of("startupProbe", "/health/started", "livenessProbe", "/health/live",
                "readinessProbe", "/health/ready");
        plainProbes.forEach((probe, path) -> {
            assertEquals(path, Manifests.at(container, probe, "httpGet", "path"), probe);
            assertEquals(http, Manifests.at(container, probe, "httpGet", "port"), probe);
        });
        assertNotNull(Manifests.at(container, "resources", "limits", "memory"));
    }

    @Test
    void theConfigMapAndSecretSetEverySettingTheServerNeedsAndOnlyKnownOnes() {
        Map<String, Object> settings = manifests.settings();
        for (String needed : server.externalSettings()) {
            assertTrue(settings.containsKey(needed), "visage-config/visage-secrets lack " + needed + ", which server.xml uses");
        }
        assertTrue(settings.containsKey("VISAGE_ADMIN_KEY"), "without it every pod would generate its own admin key");
        Set<String> set = new java.util.TreeSet<>(settings.keySet());
        set.addAll(manifests.containerEnv("StatefulSet", "visage"));
        for (String name : set) {
            assertTrue(server.knows(name), name + " is set by a manifest but neither server.xml nor the application reads it");
        }
        assertEquals(server.variables().get("REDIS_STREAM_NAME").replace("${FACE_STREAM}", server.variables().get("FACE_STREAM")),
                settings.get("REDIS_STREAM_NAME"));
    }

    @Test
    void theAdapterKnowsEveryBrokerOfTheOperatorsCluster() {
        Map<String, Object> broker = manifests.one("ActiveMQArtemis", "visage-broker");
        int size = (Integer) Manifests.at(broker, "spec", "deploymentPlan", "size");
        assertTrue(size >= 2, "two brokers at least");
        assertEquals(Boolean.TRUE, Manifests.at(broker, "spec", "deploymentPlan", "persistenceEnabled"));
        assertEquals(Boolean.TRUE, Manifests.at(broker, "spec", "deploymentPlan", "messageMigration"));
        Set<Integer> acceptorPorts = ((List<?>) Manifests.at(broker, "spec", "acceptors")).stream()
                .map(a -> (Integer) Manifests.at(a, "port")).collect(Collectors.toSet());

        Map<String, Object> settings = manifests.settings();
        String[] entries = settings.get("VISAGE_BROKER_CONNECTION_PARAMETERS").toString().split(",");
        String[] classes = settings.get("VISAGE_BROKER_CONNECTOR_CLASSES").toString().split(",");
        assertEquals(size, entries.length, "one entry per broker");
        assertEquals(entries.length, classes.length, "the adapter builds one connector per class name");
        assertEquals("true", settings.get("VISAGE_BROKER_HA"));
        for (int i = 0; i < size; i++) {
            String expected = "host=visage-broker-ss-" + i + ".visage-broker-hdls-svc;port=";
            assertTrue(entries[i].startsWith(expected), entries[i]);
            assertTrue(acceptorPorts.contains(Integer.valueOf(entries[i].substring(expected.length()))), entries[i]);
        }
        String brokerName = server.applicationProperties().get("visage.broker.name");
        assertTrue(((List<?>) Manifests.at(broker, "spec", "brokerProperties")).contains("name=" + brokerName),
                "the console and KEDA address the broker as " + brokerName);
    }

    @Test
    void theBrokerDeclaresTheQueuesOfBrokerXmlAndKedaWatchesTheIngestQueue() throws IOException {
        String brokerXml = Files.readString(ROOT.resolve("broker/broker.xml"));
        Set<String> addresses = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("<address name=\"([^\"]+)\">").matcher(brokerXml);
        while (m.find()) {
            addresses.add(m.group(1));
        }
        Set<String> declared = new java.util.TreeSet<>();
        Pattern property = Pattern.compile("^addressConfigurations\\.\"([^\"]+)\"\\..*");
        for (Object p : (List<?>) Manifests.at(manifests.one("ActiveMQArtemis", "visage-broker"), "spec", "brokerProperties")) {
            Matcher pm = property.matcher(p.toString());
            if (pm.matches()) {
                declared.add(pm.group(1));
            }
        }
        assertEquals(addresses, declared, "ActiveMQArtemis brokerProperties vs broker/broker.xml");

        Map<String, Object> keda = manifests.one("ScaledObject", "visage-ingest");
        assertEquals("OpenLibertyApplication", Manifests.at(keda, "spec", "scaleTargetRef", "kind"));
        List<?> triggers = (List<?>) Manifests.at(keda, "spec", "triggers");
        assertFalse(triggers.isEmpty());
        for (Object trigger : triggers) {
            assertEquals("artemis-queue", Manifests.at(trigger, "type"));
            assertEquals(manifests.settings().get("REDIS_STREAM_NAME"), Manifests.at(trigger, "metadata", "queueName"));
            assertTrue(addresses.contains(Manifests.at(trigger, "metadata", "brokerAddress")));
            assertEquals(server.applicationProperties().get("visage.broker.name"), Manifests.at(trigger, "metadata", "brokerName"));
        }
    }

    @Test
    void theDatabaseServiceCarriesPgvectorAndPreparedTransactions() {
        Map<String, Object> cluster = manifests.one("Cluster", "visage-db");
        assertEquals(manifests.settings().get("VISAGE_DB_HOST"), "visage-db-rw", "CloudNativePG's read-write service");
        assertTrue(manifests.names("Service").contains("visage-db-rw"), "the plain variant serves the same name");
        assertTrue(Integer.parseInt(Manifests.at(cluster, "spec", "postgresql", "parameters", "max_prepared_transactions")
                .toString()) > 0, "XA needs prepared transactions");
        assertTrue(Manifests.at(cluster, "spec", "bootstrap", "initdb", "postInitApplicationSQL").toString()
                .contains("CREATE EXTENSION IF NOT EXISTS vector"));
        assertEquals(manifests.settings().get("VISAGE_DB_NAME"), Manifests.at(cluster, "spec", "bootstrap", "initdb", "database"));
        assertTrue(Manifests.at(cluster, "spec", "imageName").toString().endsWith(":" + Pins.postgresMajor()));

        Map<String, Object> postgres = manifests.container("StatefulSet", "visage-db");
        assertEquals("pgvector/pgvector:" + Pins.pgvector() + "-pg" + Pins.postgresMajor(), postgres.get("image"),
                "the image the scripts' pins describe");
        assertTrue(postgres.get("args").toString().contains("max_prepared_transactions=64"));
        assertEquals("apache/activemq-artemis:" + server.artemisVersion(), manifests.container("StatefulSet", "visage-broker-ss").get("image"));
    }

    /** Every YAML document under a folder. */
    record Manifests(List<Map<String, Object>> documents) {

        static Manifests load(Path dir) {
            List<Map<String, Object>> docs = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    for (Object doc : new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(file))) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) doc;
                        docs.add(map);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Manifests(List.copyOf(docs));
        }

        static Object at(Object node, String... path) {
            Object current = node;
            for (String key : path) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    throw new AssertionError("no " + String.join(".", path) + " in " + node);
                }
                current = map.get(key);
            }
            return current;
        }

        Map<String, Object> one(String kind, String name) {
            return documents.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }

        Set<String> names(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).map(d -> at(d, "metadata", "name").toString())
                    .collect(Collectors.toSet());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> container(String kind, String name) {
            return (Map<String, Object>) ((List<?>) at(one(kind, name), "spec", "template", "spec", "containers")).get(0);
        }

        Set<String> containerEnv(String kind, String name) {
            return ((List<?>) container(kind, name).get("env")).stream().map(e -> at(e, "name").toString())
                    .collect(Collectors.toSet());
        }

        /** The ConfigMap visage-config and the Secret visage-secrets together, as the pods see them. */
        Map<String, Object> settings() {
            Map<String, Object> out = new java.util.TreeMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) at(one("ConfigMap", "visage-config"), "data");
            @SuppressWarnings("unchecked")
            Map<String, Object> secrets = (Map<String, Object>) at(one("Secret", "visage-secrets"), "stringData");
            out.putAll(data);
            out.putAll(secrets);
            return out;
        }
    }
}
