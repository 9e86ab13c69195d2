package dev.visage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * What the server reads, from the files that configure it: liberty/config/server.xml (its variables
 * and features), the application's microprofile-config.properties, and the Artemis version
 * scripts/broker.sh runs. Deployment descriptions are checked against it.
 */
record ServerConfiguration(Map<String, String> variables, List<String> features, Set<String> externalSettings,
                           Map<String, String> applicationProperties, Set<String> applicationKeys, String artemisVersion) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern PROPERTY = Pattern.compile("^#?\\s*([a-z][a-z0-9.-]*)=(.*)$");

    static ServerConfiguration load(Path root) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document xml = factory.newDocumentBuilder().parse(root.resolve("liberty/config/server.xml").toFile());
            Map<String, String> variables = new LinkedHashMap<>();
            NodeList vars = xml.getElementsByTagName("variable");
            for (int i = 0; i < vars.getLength(); i++) {
                Element v = (Element) vars.item(i);
                variables.put(v.getAttribute("name"), v.getAttribute("defaultValue"));
            }
            List<String> features = new java.util.ArrayList<>();
            NodeList feats = xml.getElementsByTagName("feature");
            for (int i = 0; i < feats.getLength(); i++) {
                features.add(feats.item(i).getTextContent().trim());
            }
            // The connections to the database and the broker: their defaults point at loopback, so
            // every variable they reference must come from the deployment.
            Set<String> external = new TreeSet<>();
            for (String element : List.of("properties.postgresql", "properties.artemis")) {
                NodeList nodes = xml.getElementsByTagName(element);
                for (int i = 0; i < nodes.getLength(); i++) {
                    String parent = nodes.item(i).getParentNode().getNodeName();
                    if (!parent.equals("dataSource") && !parent.equals("resourceAdapter")) {
                        continue; // an activation spec's tuning, with defaults that suit any deployment
                    }
                    NamedNodeMap attributes = nodes.item(i).getAttributes();
                    for (int a = 0; a < attributes.getLength(); a++) {
                        Matcher m = REFERENCE.matcher(attributes.item(a).getNodeValue());
                        while (m.find()) {
                            external.add(m.group(1));
                        }
                    }
                }
            }
            Map<String, String> properties = new LinkedHashMap<>();
            Set<String> keys = new TreeSet<>();
            for (String line : Files.readAllLines(root.resolve("visage-server/src/main/resources/META-INF/microprofile-config.properties"))) {
                Matcher m = PROPERTY.matcher(line.trim());
                if (m.matches()) {
                    keys.add(m.group(1));
                    if (!line.trim().startsWith("#")) {
                        properties.put(m.group(1), m.group(2).trim());
                    }
                }
            }
            Matcher version = Pattern.compile("ARTEMIS_VERSION=\"\\$\\{VISAGE_ARTEMIS_VERSION:-([^}]+)}\"")
                    .matcher(Files.readString(root.resolve("scripts/broker.sh")));
            if (!version.find()) {
                throw new IllegalStateException("scripts/broker.sh no longer sets ARTEMIS_VERSION");
            }
            return new ServerConfiguration(Map.copyOf(variables), List.copyOf(features), Set.copyOf(external),
                    Map.copyOf(properties), Set.copyOf(keys), version.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("liberty/config/server.xml", e);
        }
    }

    /**
     * Whether the server reads an environment variable of this name: a server.xml variable, or an
     * application setting in MicroProfile Config's environment form (visage.s3.path-style is
     * VISAGE_S3_PATH_STYLE).
     */
    boolean knows(String environmentVariable) {
        return variables.containsKey(environmentVariable) || applicationKeys.stream()
                .anyMatch(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT).equals(environmentVariable));
    }
}
