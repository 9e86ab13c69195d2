package dev.visage.inference.bench;

import dev.visage.inference.Inference;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.internal.ImageIoDecoder;
import dev.visage.inference.infrastructure.TurboJpegDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The old decoder (JDK ImageIO) against the shipped one (libjpeg-turbo through JNA), both as
 * Visage calls them (sniffing, max-pixels check, EXIF orientation included), on real photos:
 * img2.jpg (1536×1152 progressive), img15.jpg (1414×1264 = 1.8 MP baseline), couple.jpg
 * (2280×1588 = 3.6 MP baseline). {@code minLongSide}: {@link ImageDecoder#FULL_SIZE} for the
 * full picture; half and a quarter of the longer side ask for the 1/2 and 1/4 DCT scales.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecoderBenchmark {

    @Param({"img2.jpg", "img15.jpg", "couple.jpg"})
    public String photo;

    byte[] jpeg;
    ImageIoDecoder imageIo;
    TurboJpegDecoder turbo;
    int half;
    int quarter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        jpeg = Inference.photo(photo);
        long maxPixels = (long) Inference.number("visage.image.max-pixels");
        imageIo = new ImageIoDecoder(maxPixels);
        turbo = new TurboJpegDecoder(maxPixels, imageIo);
        if (!turbo.jpegDecoder().equals("libjpeg-turbo")) {
            throw new IllegalStateException("libturbojpeg0 is not installed: " + turbo.jpegDecoder());
        }
        DecodedImage full = turbo.decode(jpeg);
        int longSide = Math.max(full.width(), full.height());
        half = longSide / 2;
        quarter = longSide / 4;
        if (turbo.decode(jpeg, half).scale() != 0.5 || turbo.decode(jpeg, quarter).scale() != 0.25) {
            throw new IllegalStateException("unexpected scales for " + photo);
        }
    }

    @Benchmark
    public DecodedImage imageIoFull() throws Exception {
        return imageIo.decode(jpeg);
    }

    @Benchmark
    public DecodedImage turboFull() throws Exception {
        return turbo.decode(jpeg);
    }

    @Benchmark
    public DecodedImage turboHalf() throws Exception {
        return turbo.decode(jpeg, half);
    }

    @Benchmark
    public DecodedImage turboQuarter() throws Exception {
        return turbo.decode(jpeg, quarter);
    }
}
