package dev.iopaint.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6, item 7's two sides on one photo: our whole {@code Iopaint.inpaint} with {@code lama} and IOPaint's
 * defaults ({@link #ours}), and IOPaint's plain sequential per-crop forward on the same TorchScript
 * ({@link #plain}).
 *
 * <p>The model is a TorchScript with LaMa's signature, in practice {@code big-lama-arch.pt} from
 * {@code shared/tools/make_lama_arch.py} (big-lama's architecture and cost, 51 M parameters, random weights); it
 * stays outside the repository. Two elliptical blobs cover about 10% of the pixels; at 1920x1080 IOPaint's Crop
 * strategy (trigger 800 px, margin 128) turns them into two windows of 716x536, padded to 720x536.
 *
 * <p>The plain side, for each crop window in {@code findContours} order: the tensors as IOPaint's
 * {@code LaMa.forward} builds them with numpy ({@code image / 255} float32 as a transposed view of the HWC pixels,
 * {@code (mask > 0) * 1} as int64, both mirror-padded to a multiple of 8), one forward on the unmodified module in
 * the calling thread with libtorch's default intra-op threads, {@code clip(x * 255).astype(uint8)}, pasted into a
 * copy of the image.
 */
final class LamaCrop implements AutoCloseable {
    /** The largest difference to the plain float32 result that issue 6 allows. */
    static final int MAX_LEVELS = 2;

    private final Path modelDir;
    private final Iopaint iopaint;
    private final TorchScript plainModel;
    private final RgbImage image;
    private final Mask mask;
    private final InpaintRequest request = InpaintRequest.defaults();
    private final List<Box> windows = new ArrayList<>();
    private final List<RgbImage> paddedImages = new ArrayList<>();
    private final List<Mask> paddedMasks = new ArrayList<>();

    LamaCrop(Path lamaFile, String size) throws IOException {
        Path weights = lamaFile.toAbsolutePath();
        if (!Files.isRegularFile(weights)) {
            throw new IllegalStateException(weights + " is missing. Make it, from the repository's root (needs"
                    + " Debian's python3-torch, about a minute), with `/usr/bin/python3"
                    + " ../shared/tools/make_lama_arch.py --out " + weights + "`, or pass another TorchScript"
                    + " with LaMa's signature");
        }
        int width = Images.width(size);
        int height = Images.height(size);
        if (Math.max(width, height) <= request.hdStrategyCropTriggerSize()) {
            throw new IllegalStateException(size + " is below the Crop strategy's trigger of "
                    + request.hdStrategyCropTriggerSize() + " px; pass a larger size");
        }
        image = Images.photoLike(width, height);
        mask = Images.twoBlobs(width, height);
        collectWindows();
        modelDir = Files.createTempDirectory("iopaint-bench-lama");
        Path checkpoint = new ModelDirectory(modelDir).torchCheckpoints().resolve("big-lama.pt");
        Files.createDirectories(checkpoint.getParent());
        Files.createSymbolicLink(checkpoint, weights);
        iopaint = Iopaint.builder().modelDir(modelDir).model("lama").offline(true).build();
        plainModel = TorchScript.load(weights, Device.CPU, "the LaMa-sized TorchScript " + weights);
    }

    List<Box> windows() {
        return windows;
    }

    RgbImage ours() {
        return iopaint.inpaint(image, mask, request);
    }

    /** Each crop window as IOPaint's LaMa runs it, one after the other, pasted into a copy of the image. */
    RgbImage plain() {
        byte[] canvas = image.pixels().clone();
        for (int i = 0; i < windows.size(); i++) {
            RgbImage input = paddedImages.get(i);
            Mask holes = paddedMasks.get(i);
            RgbImage output = plainModel.call(call -> {
                NDArray pixels = Tensors.image(call.manager(), input).toType(DataType.FLOAT32, false).div(255f);
                NDArray binary = Tensors.mask(call.manager(), holes).gt(0).toType(DataType.INT64, false);
                NDArray result = call.forward(new NDList(pixels, binary)).head();
                return Tensors.toImage(result.mul(255f), input.width(), input.height());
            });
            paste(output, windows.get(i), canvas);
        }
        return new RgbImage(image.width(), image.height(), canvas);
    }

    /** The largest difference between two results in any channel of any pixel, and how many values differ. */
    static String compare(RgbImage ours, RgbImage theirs) {
        return String.format("at most %d level(s), in %d of %d channel values", largestDifference(ours, theirs),
                differingValues(ours, theirs), ours.pixels().length);
    }

    static int largestDifference(RgbImage ours, RgbImage theirs) {
        int worst = 0;
        for (int i = 0; i < ours.pixels().length; i++) {
            worst = Math.max(worst, Math.abs((ours.pixels()[i] & 0xFF) - (theirs.pixels()[i] & 0xFF)));
        }
        return worst;
    }

    private static long differingValues(RgbImage ours, RgbImage theirs) {
        long differing = 0;
        for (int i = 0; i < ours.pixels().length; i++) {
            differing += ours.pixels()[i] == theirs.pixels()[i] ? 0 : 1;
        }
        return differing;
    }

    /** Fails when {@code ours} is further than {@link #MAX_LEVELS} from the plain float32 result. */
    static void requireClose(RgbImage ours, RgbImage theirs) {
        int worst = largestDifference(ours, theirs);
        if (worst > MAX_LEVELS) {
            throw new IllegalStateException("Our output differs from IOPaint's plain float32 result by " + worst
                    + " levels; at most " + MAX_LEVELS + " are allowed");
        }
    }

    @Override
    public void close() throws IOException {
        iopaint.close();
        plainModel.close();
        Folders.deleteTree(modelDir);
    }

    /** The window's top-left part of the padded output, into the canvas at the window's place. */
    private void paste(RgbImage output, Box window, byte[] canvas) {
        for (int y = 0; y < window.height(); y++) {
            System.arraycopy(output.pixels(), y * output.width() * 3, canvas,
                    ((window.top() + y) * image.width() + window.left()) * 3, window.width() * 3);
        }
    }

    /** IOPaint's Crop windows (CropBoxes reproduces boxes_from_mask and _crop_box), padded as its LaMa pads. */
    private void collectWindows() {
        PadRules pad = PadRules.modulo(8);
        Mat imageMat = Mats.of(image);
        Mat maskMat = Mats.of(mask);
        try {
            for (Box box : CropBoxes.fromMask(maskMat)) {
                Box window = CropBoxes.window(box, image.width(), image.height(), request.hdStrategyCropMargin());
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
