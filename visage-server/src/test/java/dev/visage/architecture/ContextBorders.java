package dev.visage.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that keep Visage's bounded contexts apart, parameterised by the root package
 * so the same rules can be shown to fail on a deliberately broken fixture.
 *
 * <p>A context is {@code <root>.<name>}; {@code <root>.shared} is the shared kernel and
 * {@code <root>.contracts} (the visage-contracts module) the message contracts; both may be used by all. Another context may only use a context's {@code application}
 * package (services, DTO records, ports), never its {@code domain} (entities,
 * repositories), {@code infrastructure}, {@code interfaces} or {@code application.internal}.
 * Persistence (EntityManager, JPQL, native SQL, JDBC) lives in {@code infrastructure} packages only;
 * domain entities may carry mapping annotations.
 */
public final class ContextBorders {

    /** The shared kernel, and the contracts module every producer shares with the server. */
    private static final Set<String> SHARED_BY_ALL = Set.of("shared", "contracts");

    private ContextBorders() {
    }

    public static ArchRule noCyclesBetweenContexts(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("contexts form a directed graph; a cycle would fuse them");
    }

    public static ArchRule onlyApplicationServicesCrossBorders(String root) {
        return ArchRuleDefinition.classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<>("use other contexts only through their application layer") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> from = contextOf(root, origin);
                        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                            JavaClass target = dependency.getTargetClass();
                            Optional<String> to = contextOf(root, target);
                            if (from.isEmpty() || to.isEmpty() || from.equals(to) || SHARED_BY_ALL.contains(to.get())) {
                                return;
                            }
                            if (!isPublishedApi(root, to.get(), target)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                        + " crosses from context '" + from.get() + "' into the internals of '"
                                        + to.get() + "'"));
                            }
                        });
                    }
                });
    }

    /** What running a query takes: JPA's query API, named queries (JPQL), JDBC and Hibernate's sessions. */
    private static final DescribedPredicate<JavaClass> PERSISTENCE_API = resideInAnyPackage(
            "java.sql..", "javax.sql..", "jakarta.persistence.criteria..", "org.hibernate")
            .or(resideInAnyPackage("org.hibernate..").and(DescribedPredicate.not(
                    resideInAnyPackage("org.hibernate.annotations..", "org.hibernate.type.."))))
            .or(JavaClass.Predicates.belongToAnyOf(jakarta.persistence.EntityManager.class,
                    jakarta.persistence.EntityManagerFactory.class, jakarta.persistence.Query.class,
                    jakarta.persistence.TypedQuery.class, jakarta.persistence.StoredProcedureQuery.class,
                    jakarta.persistence.PersistenceContext.class, jakarta.persistence.PersistenceUnit.class,
                    jakarta.persistence.NamedQuery.class, jakarta.persistence.NamedQueries.class,
                    jakarta.persistence.NamedNativeQuery.class, jakarta.persistence.NamedNativeQueries.class))
            .as("the persistence API (EntityManager, queries, JDBC, Hibernate sessions)");

    public static ArchRule persistenceOnlyInInfrastructure(String root) {
        return ArchRuleDefinition.noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage("..infrastructure..")
                .should().dependOnClassesThat(PERSISTENCE_API)
                .because("SQL and EntityManagers belong to infrastructure; application and domain use repository"
                        + " interfaces");
    }

    private static boolean isPublishedApi(String root, String context, JavaClass target) {
        String pkg = target.getPackageName();
        String application = root + "." + context + ".application";
        return (pkg.equals(application) || pkg.startsWith(application + "."))
                && !pkg.startsWith(application + ".internal");
    }

    static Optional<String> contextOf(String root, JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** Classes directly in the root package (the JAX-RS application) belong to no context. */
    public static DescribedPredicate<JavaClass> inContexts(String root) {
        return DescribedPredicate.describe("in a context of " + root, c -> contextOf(root, c).isPresent());
    }
}
