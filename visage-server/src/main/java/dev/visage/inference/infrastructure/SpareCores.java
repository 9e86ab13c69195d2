package dev.visage.inference.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lends the cores nobody else uses to a photo's independent model passes. ONNX Runtime runs every
 * pass on its caller's thread (one intra-op thread: the queue keeps as many photos in flight as
 * there are cores, and that measured best for throughput). A lone request — a kiosk's
 * {@code recognize}, an {@code analyze} — then leaves the other core idle while it waits for two
 * passes that do not depend on each other. When a caller is the only one {@linkplain #claim()
 * inside}, its passes run side by side on the application's managed executor; when others are
 * inside too, the cores are busy anyway and the passes run one after the other on the caller's
 * thread, as before (docs/BENCHMARKS.md, "Spare cores"). {@code visage.inference.spare-cores=false}
 * keeps every pass on its caller's thread.
 */
@ApplicationScoped
public class SpareCores {

    private final AtomicInteger inside = new AtomicInteger();
    private final int cores;

    /** The application's default managed executor (its threads carry the application's context). */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    public SpareCores(@ConfigProperty(name = "visage.inference.spare-cores", defaultValue = "true") boolean enabled) {
        this.cores = enabled ? Runtime.getRuntime().availableProcessors() : 1;
    }

    /** For CDI proxies only. */
    protected SpareCores() {
        this(true);
    }

    /** For tools and tests outside the container: null runs every pass on its caller's thread. */
    public SpareCores(ExecutorService executor, int cores) {
        this.executor = executor;
        this.cores = cores;
    }

    /** Enters the section; the claim says whether its passes may fan out, and leaves when closed. */
    public Claim claim() {
        int callers = inside.incrementAndGet();
        return new Claim(callers == 1 && cores > 1 && executor != null);
    }

    /** One caller's stay in the section. */
    public final class Claim implements AutoCloseable {

        private final boolean alone;

        private Claim(boolean alone) {
            this.alone = alone;
        }

        /** True when the caller is alone inside and its passes will run side by side. */
        public boolean alone() {
            return alone;
        }

        /**
         * Runs every pass and returns their results in order: the first on the caller's thread and
         * the others on the executor when {@link #alone()}, all on the caller's thread otherwise.
         */
        public <T> List<T> all(List<Supplier<T>> passes) {
            List<Future<T>> others = new ArrayList<>();
            if (alone) {
                for (Supplier<T> pass : passes.subList(1, passes.size())) {
                    others.add(executor.submit(pass::get));
                }
            }
            List<T> results = new ArrayList<>(passes.size());
            results.add(passes.get(0).get());
            for (int i = 1; i < passes.size(); i++) {
                results.add(alone ? join(others.get(i - 1)) : passes.get(i).get());
            }
            return results;
        }

        @Override
        public void close() {
            inside.decrementAndGet();
        }
    }

    private static <T> T join(Future<T> pass) {
        try {
            return pass.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a model pass", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
