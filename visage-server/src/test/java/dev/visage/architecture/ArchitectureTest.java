package dev.visage.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps the borders between Visage's bounded contexts, and proves the rules can fail. One instance for all
 * its tests: importing the production classes takes seconds, and every rule reads the same import.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    private static final String ROOT = "dev.visage";
    private static final String FIXTURE = "dev.visage.architecture.fixture";

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void contextsHaveNoCycles() {
        ContextBorders.noCyclesBetweenContexts(ROOT).check(production);
    }

    @Test
    void contextsMeetOnlyThroughApplicationServices() {
        ContextBorders.onlyApplicationServicesCrossBorders(ROOT).check(production);
    }

    /** Each context says in its package-info.java what it owns and whom it may call. */
    @Test
    void everyContextDocumentsWhatItOwnsAndWhomItMayCall() throws IOException {
        try (Stream<Path> contexts = Files.list(Path.of("visage-server/src/main/java/dev/visage"))) {
            List<String> undocumented = contexts.filter(Files::isDirectory)
                    .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
            assertEquals(List.of(), undocumented);
        }
    }

    @Test
    void persistenceLivesInInfrastructure() {
        ContextBorders.persistenceOnlyInInfrastructure(ROOT).check(production);
    }

    @Test
    void thePersistenceRuleFailsOnSqlInAnApplicationService() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ContextBorders.persistenceOnlyInInfrastructure(FIXTURE).check(fixture));
        assertTrue(error.getMessage().contains("InvoiceTotals"), error.getMessage());
        assertFalse(error.getMessage().contains("JpaInvoices"), error.getMessage());
    }

    @Test
    void theBorderRuleFailsWhenAContextUsesAnothersEntity() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ContextBorders.onlyApplicationServicesCrossBorders(FIXTURE).check(fixture));
        assertTrue(error.getMessage().contains("into the internals of 'billing'"), error.getMessage());
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ContextBorders.noCyclesBetweenContexts(FIXTURE).check(fixture));
        assertTrue(error.getMessage().contains("Cycle detected"), error.getMessage());
    }
}
