package dev.iopaint.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.pipeline.Box;
import dev.iopaint.core.pipeline.CropBoxes;
import dev.iopaint.core.pipeline.ImageOps;
import dev.iopaint.core.pipeline.Padding;
import dev.iopaint.api.PadRules;
import dev.iopaint.models.erase.torch.TorchScript;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;
import dev.iopaint.models.erase.torch.Tensors;
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
 * What our pre/post-processing and pipeline cost around an erase model's forward pass: {@link #wholeCall} is
 * {@code Iopaint.inpaint} with the {@code lama} model (mask binarising, HD strategy, padding, tensors in and out,
 * blending), {@link #rawForward} is DJL's forward alone on the padded crops the pipeline feeds the model.
 * Their ratio is the overhead. The model is a stand-in with LaMa's signature and a few convolutions, written by
 * the benchmark, since the real weights cannot be downloaded here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class EraseOverheadBenchmark {
    /** image*(1-mask) + mask*conv(conv(image)): the shape of an inpainting network at a fraction of LaMa's cost. */
    static final String STAND_IN = String.join("\n",
            "w1 = torch.mul(torch.ones([16, 3, 3, 3]), 0.01)",
            "w2 = torch.mul(torch.ones([3, 16, 3, 3]), 0.01)",
            "m = torch.to(mask, 6)",
            "x = torch.relu(torch.conv2d(image, w1, None, [1, 1], [1, 1], [1, 1], 1))",
            "y = torch.sigmoid(torch.conv2d(x, w2, None, [1, 1], [1, 1], [1, 1], 1))",
            "return torch.add(torch.mul(image, torch.rsub(m, 1)), torch.mul(y, m))");

    @Param({"512x512", "1920x1080"})
    public String size;

    private Path modelDir;
    private Iopaint iopaint;
    private TorchScript raw;
    private RgbImage image;
    private Mask mask;
    private final InpaintRequest request = InpaintRequest.defaults();
    /** The padded images and masks the pipeline hands the model, for the raw forward to run on. */
    private final List<RgbImage> modelImages = new ArrayList<>();
    private final List<Mask> modelMasks = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int width = Images.width(size);
        int height = Images.height(size);
        modelDir = Files.createTempDirectory("iopaint-bench");
        Path weights = TorchScriptFixtures.write(modelDir.resolve("torch/hub/checkpoints/big-lama.pt"),
                "image: Tensor, mask: Tensor", STAND_IN);
        iopaint = Iopaint.builder().modelDir(modelDir).model("lama").build();
        raw = TorchScript.load(weights, Device.CPU, "the benchmark's stand-in");
        image = Images.photoLike(width, height);
        mask = Images.twoBlobs(width, height);
        collectModelInputs(width, height);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        iopaint.close();
        raw.close();
        Folders.deleteTree(modelDir);
    }

    @Benchmark
    public RgbImage wholeCall() {
        return iopaint.inpaint(image, mask, request);
    }

    /**
     * Both, one after the other in alternating order, with the time of each summed separately: on a noisy machine
     * the ratio of the two sums is steadier than the ratio of two separately measured averages.
     */
    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(this::wholeCall, this::rawForward);
    }

    /** LaMa's forward alone, on the same tensors its pre-processing makes: image /255, (mask > 0) as int64. */
    @Benchmark
    public float rawForward() {
        float sum = 0;
        for (int i = 0; i < modelImages.size(); i++) {
            RgbImage input = modelImages.get(i);
            Mask holes = modelMasks.get(i);
            sum += raw.call(call -> {
                NDArray pixels = Tensors.image(call.manager(), input).toType(DataType.FLOAT32, false).div(255f);
                NDArray binary = Tensors.mask(call.manager(), holes).gt(0).toType(DataType.INT64, false);
                return call.forward(new NDList(pixels, binary)).head().getFloat(0, 0, 0, 0);
            });
        }
        return sum;
    }

    /** The whole image, or each crop window with the Crop strategy, padded to LaMa's modulo 8. */
    private void collectModelInputs(int width, int height) {
        PadRules pad = PadRules.modulo(8);
        Mat imageMat = Mats.of(image);
        Mat maskMat = Mats.of(mask);
        try {
            List<Box> windows = new ArrayList<>();
            if (Math.max(width, height) <= request.hdStrategyCropTriggerSize()) {
                windows.add(new Box(0, 0, width, height));
            } else {
                for (Box box : CropBoxes.fromMask(maskMat)) {
                    windows.add(CropBoxes.window(box, width, height, request.hdStrategyCropMargin()));
                }
            }
            for (Box window : windows) {
                Mat croppedImage = ImageOps.crop(imageMat, window);
                Mat croppedMask = ImageOps.crop(maskMat, window);
                Mat paddedImage = Padding.pad(croppedImage, pad);
                Mat paddedMask = Padding.pad(croppedMask, pad);
                modelImages.add(Mats.toImage(paddedImage));
                modelMasks.add(Mats.toMask(paddedMask));
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
