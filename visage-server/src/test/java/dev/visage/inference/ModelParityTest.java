package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX Runtime in Java against the reference outputs of the original TF.js models
 * (src/test/resources/parity, format described in models/MODELS.md), per model and case,
 * plus batch-of-all-cases against single runs.
 */
class ModelParityTest {

    static JsonObject manifest() throws Exception {
        try (InputStream in = ModelParityTest.class.getResourceAsStream("/parity/manifest.json");
             var reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    static byte[] fixture(String file) throws Exception {
        try (InputStream in = ModelParityTest.class.getResourceAsStream("/parity/" + file)) {
            assertTrue(in != null, "fixture " + file);
            return in.readAllBytes();
        }
    }

    static float[] f32(byte[] bytes) {
        FloatBuffer fb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    static long[] shape(JsonObject o) {
        return o.getJsonArray("shape").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .mapToLong(jakarta.json.JsonNumber::longValue).toArray();
    }

    @TestFactory
    Stream<DynamicTest> everyModelMatchesItsReference() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue value : manifest().getJsonArray("models")) {
            JsonObject model = value.asJsonObject();
            tests.add(DynamicTest.dynamicTest(model.getString("name"), () -> check(model)));
        }
        return tests.stream();
    }

    private void check(JsonObject model) throws Exception {
        byte[] onnx = Files.readAllBytes(Path.of(model.getString("model")));
        assertEquals(model.getString("modelSha256"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)), "model checksum");
        JsonObject input = model.getJsonObject("input");
        double scale = input.getJsonNumber("scale").doubleValue();
        double offset = input.getJsonNumber("offset").doubleValue();
        JsonObject tol = model.getJsonObject("tolerance");
        double atol = tol.getJsonNumber("atol").doubleValue();
        double rtol = tol.getJsonNumber("rtol").doubleValue();
        double minCosine = tol.getJsonNumber("minCosine").doubleValue();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            List<float[]> inputs = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            List<Map<String, float[]>> singles = new ArrayList<>();
            for (JsonValue c : model.getJsonArray("cases")) {
                JsonObject kase = c.asJsonObject();
                byte[] u8 = fixture(kase.getJsonObject("input").getString("file"));
                float[] x = new float[u8.length];
                for (int i = 0; i < u8.length; i++) {
                    x[i] = (float) ((u8[i] & 0xff) * scale + offset);
                }
                long[] s = shape(kase.getJsonObject("input"));
                Map<String, float[]> out = run(env, session, input.getString("name"), x, s);
                inputs.add(x);
                shapes.add(s);
                singles.add(out);
                for (JsonValue o : model.getJsonArray("outputs")) {
                    JsonObject spec = o.asJsonObject();
                    String name = spec.getString("name");
                    float[] ref = f32(fixture(kase.getJsonObject("outputs").getJsonObject(name).getString("file")));
                    float[] got = out.get(name);
                    String where = model.getString("name") + " " + kase.getString("source") + " output " + name;
                    assertEquals(ref.length, got.length, where + " length");
                    for (int i = 0; i < ref.length; i++) {
                        double diff = Math.abs(got[i] - ref[i]);
                        int at = i;
                        assertTrue(diff <= atol + rtol * Math.abs(ref[i]),
                                () -> where + "[" + at + "]: " + got[at] + " vs " + ref[at]);
                    }
                    if (spec.getBoolean("checkCosine")) {
                        double cos = cosine(got, ref);
                        assertTrue(cos >= minCosine, where + " cosine " + cos);
                    }
                }
            }
            // one batch of all cases equals the single runs
            int per = inputs.get(0).length;
            float[] batch = new float[per * inputs.size()];
            for (int i = 0; i < inputs.size(); i++) {
                System.arraycopy(inputs.get(i), 0, batch, i * per, per);
            }
            long[] s = shapes.get(0).clone();
            s[0] = inputs.size();
            Map<String, float[]> batched = run(env, session, input.getString("name"), batch, s);
            for (String name : batched.keySet()) {
                float[] all = batched.get(name);
                int len = all.length / inputs.size();
                for (int c = 0; c < inputs.size(); c++) {
                    float[] single = singles.get(c).get(name);
                    for (int i = 0; i < len; i++) {
                        assertEquals(single[i], all[c * len + i], 1e-5 + 1e-5 * Math.abs(single[i]),
                                model.getString("name") + " batch vs single " + name);
                    }
                }
            }
        }
    }

    static Map<String, float[]> run(OrtEnvironment env, OrtSession session, String inputName, float[] x, long[] shape)
            throws Exception {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            Map<String, float[]> out = new java.util.LinkedHashMap<>();
            for (var e : r) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                out.put(e.getKey(), v);
            }
            return out;
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
