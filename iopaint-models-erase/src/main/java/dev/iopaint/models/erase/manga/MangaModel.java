package dev.iopaint.models.erase.manga;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import dev.iopaint.models.erase.torch.Tensors;
import dev.iopaint.models.erase.torch.TorchScript;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * IOPaint's manga forward: the image as OpenCV grey (RGB2GRAY), erika's line art clamped to 0..255, both mapped
 * to -1..1, the mask as 1.0 where it is non-zero, standard normal noise under seed 42; the inpaintor's grey
 * answer goes back to 0..255 and into all three channels.
 */
final class MangaModel implements InpaintModel {
    static final int SEED = 42;

    /**
     * libtorch's random generator is process-wide: seeding and drawing must not interleave with another call's,
     * so the whole forward (seed, erika, noise, inpaintor, as IOPaint orders them) runs under this lock.
     */
    private static final Object GENERATOR = new Object();

    private final ModelInfo info;
    private final TorchScript lineModel;
    private final TorchScript inpaintor;
    private final AtomicBoolean closed = new AtomicBoolean();

    MangaModel(ModelInfo info, TorchScript lineModel, TorchScript inpaintor) {
        this.info = info;
        this.lineModel = lineModel;
        this.inpaintor = inpaintor;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return MangaProvider.PAD_RULES;
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        int width = image.width();
        int height = image.height();
        Shape plane = new Shape(1, 1, height, width);
        byte[] grayPixels = gray(image);
        synchronized (GENERATOR) {
            return inpaintor.call(call -> {
                NDManager manager = call.manager();
                manager.getEngine().setRandomSeed(SEED);
                NDArray gray = manager.create(ByteBuffer.wrap(grayPixels), plane, DataType.UINT8)
                        .toType(DataType.FLOAT32, false);
                NDArray lines = lineArt(gray, manager).clip(0, 255);
                NDArray holes = Tensors.mask(manager, mask).gt(0.5).toType(DataType.FLOAT32, false);
                NDArray noise = noise(manager, plane);
                NDArray ones = manager.ones(plane);
                NDArray out = call.forward(new NDList(toSigned(gray), toSigned(lines), holes, noise, ones)).head();
                requirePlane(out, plane, MangaProvider.INPAINTOR_DESCRIPTION);
                NDArray level = out.mul(127.5f).add(127.5f);
                return Tensors.toImage(level.broadcast(new Shape(1, 3, height, width)), width, height);
            });
        }
    }

    /** Standard normal noise from libtorch's generator as it is after seeding, like {@code torch.randn_like}. */
    static NDArray noise(NDManager manager, Shape shape) {
        return manager.randomNormal(0f, 1f, shape, DataType.FLOAT32);
    }

    /** cv2.cvtColor(image, COLOR_RGB2GRAY): OpenCV's fixed-point 0.299 R + 0.587 G + 0.114 B. */
    static byte[] gray(RgbImage image) {
        Mat rgb = Mats.of(image);
        Mat gray = new Mat();
        try {
            Imgproc.cvtColor(rgb, gray, Imgproc.COLOR_RGB2GRAY);
            byte[] values = new byte[image.width() * image.height()];
            gray.get(0, 0, values);
            return values;
        } finally {
            rgb.release();
            gray.release();
        }
    }

    /** erika's output, moved into the caller's memory scope so it outlives erika's own. */
    private NDArray lineArt(NDArray gray, NDManager target) {
        return lineModel.call(call -> {
            NDArray lines = call.forward(new NDList(gray)).head();
            requirePlane(lines, gray.getShape(), MangaProvider.LINE_MODEL_DESCRIPTION);
            lines.attach(target);
            return lines;
        });
    }

    /** 0..255 to -1..1 in IOPaint's order of operations ({@code x / 255 * 2 - 1}), so float rounding matches. */
    private static NDArray toSigned(NDArray levels) {
        return levels.div(255f).mul(2f).sub(1f);
    }

    private static void requirePlane(NDArray output, Shape expected, String description) {
        if (!output.getShape().equals(expected)) {
            throw new InferenceFailedException(description + " returned a tensor of shape " + output.getShape()
                    + "; expected " + expected);
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try (inpaintor) {
            lineModel.close();
        }
    }
}
