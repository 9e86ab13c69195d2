package dev.visage.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Every integration test deploys the real, fully built WAR; nothing is assembled by hand. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive visage() {
        File war = new File(System.getProperty("visage.war", "target/visage.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
