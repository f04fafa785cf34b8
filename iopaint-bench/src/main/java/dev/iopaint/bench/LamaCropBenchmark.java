package dev.iopaint.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.pipeline.Box;
import dev.iopaint.core.pipeline.CropBoxes;
import dev.iopaint.core.pipeline.ImageOps;
import dev.iopaint.core.pipeline.Padding;
import dev.iopaint.models.erase.torch.Tensors;
import dev.iopaint.models.erase.torch.TorchScript;
import org.opencv.core.Mat;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LaMa at its real size on a 1920x1080 photo with the Crop strategy: our whole {@code Iopaint.inpaint} (lama,
 * {@code InpaintRequest.defaults()}) against IOPaint's plain sequential per-crop forward on the same TorchScript.
 *
 * <p>The model is {@code lamaFile}, a TorchScript with big-lama's architecture and cost (51 M parameters, random
 * weights) made by {@code shared/tools/make_lama_arch.py}; it stays outside the repository. Two elliptical blobs
 * cover about 10% of the pixels; IOPaint's Crop strategy (trigger 800 px, margin 128) turns them into two windows
 * of 716x536, padded to 720x536.
 *
 * <p>Baseline ({@link #plainForward}): for each crop window in {@code findContours} order, the tensors as IOPaint's
 * {@code LaMa.forward} builds them with numpy ({@code image / 255} float32 as a transposed view of the HWC pixels,
 * {@code (mask > 0) * 1} as int64, both mirror-padded to a multiple of 8), one forward on the unmodified module in
 * the benchmark thread with libtorch's default intra-op threads, {@code clip(x * 255).astype(uint8)}, pasted into a
 * copy of the image. Ours: everything {@code Iopaint.inpaint} does, with the same intra-op thread budget.
 * {@link #interleaved} runs both once per invocation in alternating order; an iteration of 1 s holds exactly one
 * invocation, since each side takes seconds.
 *
 * <p>With {@code check} (the default) the setup runs both once, which warms them up too, and fails when our output
 * differs from the baseline's by more than 2 levels in any channel of any pixel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class LamaCropBenchmark {
    /** The largest difference to the plain float32 result that issue 6 allows. */
    static final int MAX_LEVELS = 2;

    @Param("/work/bench-data/big-lama-arch.pt")
    public String lamaFile;

    @Param("1920x1080")
    public String size;

    @Param("true")
    public boolean check;

    private Path modelDir;
    private Iopaint iopaint;
    private TorchScript plain;
    private RgbImage image;
    private Mask mask;
    private final InpaintRequest request = InpaintRequest.defaults();
    private final List<Box> windows = new ArrayList<>();
    private final List<RgbImage> paddedImages = new ArrayList<>();
    private final List<Mask> paddedMasks = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path weights = Path.of(lamaFile).toAbsolutePath();
        if (!Files.isRegularFile(weights)) {
            throw new IllegalStateException(weights + " is missing. Make it, from the repository's root (needs"
                    + " Debian's python3-torch, about a minute), with `/usr/bin/python3"
                    + " ../shared/tools/make_lama_arch.py --out " + weights + "`, or pass -p lamaFile=<a TorchScript"
                    + " with LaMa's signature>");
        }
        int width = Images.width(size);
        int height = Images.height(size);
        modelDir = Files.createTempDirectory("iopaint-bench-lama");
        Path checkpoint = new ModelDirectory(modelDir).torchCheckpoints().resolve("big-lama.pt");
        Files.createDirectories(checkpoint.getParent());
        Files.createSymbolicLink(checkpoint, weights);
        iopaint = Iopaint.builder().modelDir(modelDir).model("lama").offline(true).build();
        plain = TorchScript.load(weights, Device.CPU, "the LaMa-sized TorchScript " + weights);
        image = Images.photoLike(width, height);
        mask = Images.twoBlobs(width, height);
        collectWindows(width, height);
        System.out.printf("%n%d crop window(s) %s, %d intra-op threads%n", windows.size(), windows,
                JniUtils.getNumThreads());
        if (check) {
            checkOursAgainstPlain();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        iopaint.close();
        plain.close();
        Folders.deleteTree(modelDir);
    }

    /** Ours ({@code wholeNanos}) and IOPaint's plain per-crop forward ({@code rawNanos}), alternating. */
    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(this::wholeCall, this::plainForward);
    }

    RgbImage wholeCall() {
        return iopaint.inpaint(image, mask, request);
    }

    /** Each crop window as IOPaint's LaMa runs it, one after the other, pasted into a copy of the image. */
    RgbImage plainForward() {
        byte[] canvas = image.pixels().clone();
        for (int i = 0; i < windows.size(); i++) {
            RgbImage input = paddedImages.get(i);
            Mask holes = paddedMasks.get(i);
            RgbImage output = plain.call(call -> {
                NDArray pixels = Tensors.image(call.manager(), input).toType(DataType.FLOAT32, false).div(255f);
                NDArray binary = Tensors.mask(call.manager(), holes).gt(0).toType(DataType.INT64, false);
                NDArray result = call.forward(new NDList(pixels, binary)).head();
                return Tensors.toImage(result.mul(255f), input.width(), input.height());
            });
            paste(output, windows.get(i), canvas);
        }
        return new RgbImage(image.width(), image.height(), canvas);
    }

    /** The window's top-left part of the padded output, into the canvas at the window's place. */
    private void paste(RgbImage output, Box window, byte[] canvas) {
        for (int y = 0; y < window.height(); y++) {
            System.arraycopy(output.pixels(), y * output.width() * 3, canvas,
                    ((window.top() + y) * image.width() + window.left()) * 3, window.width() * 3);
        }
    }

    private void checkOursAgainstPlain() {
        long start = System.nanoTime();
        RgbImage ours = wholeCall();
        long middle = System.nanoTime();
        RgbImage theirs = plainForward();
        long end = System.nanoTime();
        int worst = 0;
        long differing = 0;
        for (int i = 0; i < ours.pixels().length; i++) {
            int difference = Math.abs((ours.pixels()[i] & 0xFF) - (theirs.pixels()[i] & 0xFF));
            worst = Math.max(worst, difference);
            differing += difference == 0 ? 0 : 1;
        }
        System.out.printf("Check (first, cold calls: ours %.1f s, plain %.1f s): ours differs from the plain"
                        + " float32 result by at most %d level(s), in %d of %d channel values%n",
                (middle - start) / 1e9, (end - middle) / 1e9, worst, differing, ours.pixels().length);
        if (worst > MAX_LEVELS) {
            throw new IllegalStateException("Our output differs from IOPaint's plain float32 result by " + worst
                    + " levels; at most " + MAX_LEVELS + " are allowed");
        }
    }

    /** IOPaint's Crop windows (CropBoxes reproduces boxes_from_mask and _crop_box), padded as its LaMa pads. */
    private void collectWindows(int width, int height) {
        if (Math.max(width, height) <= request.hdStrategyCropTriggerSize()) {
            throw new IllegalStateException(size + " is below the Crop strategy's trigger of "
                    + request.hdStrategyCropTriggerSize() + " px; pass a larger -p size");
        }
        PadRules pad = PadRules.modulo(8);
        Mat imageMat = Mats.of(image);
        Mat maskMat = Mats.of(mask);
        try {
            for (Box box : CropBoxes.fromMask(maskMat)) {
                Box window = CropBoxes.window(box, width, height, request.hdStrategyCropMargin());
                Mat croppedImage = ImageOps.crop(imageMat, window);
                Mat croppedMask = ImageOps.crop(maskMat, window);
                Mat paddedImage = Padding.pad(croppedImage, pad);
                Mat paddedMask = Padding.pad(croppedMask, pad);
                windows.add(window);
                paddedImages.add(Mats.toImage(paddedImage));
                paddedMasks.add(Mats.toMask(paddedMask));
                for (Mat mat : List.of(croppedImage, croppedMask, paddedImage, paddedMask)) {
                    mat.release();
                }
            }
        } finally {
            imageMat.release();
            maskMat.release();
        }
    }
}
