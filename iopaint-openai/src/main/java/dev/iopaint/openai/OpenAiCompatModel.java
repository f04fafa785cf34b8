package dev.iopaint.openai;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.pipeline.ImageOps;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.List;
import java.util.Objects;

/**
 * The {@code openai-compat} model: the image and mask are fitted to a size the upstream model accepts (scaled to
 * fit, then padded on the right and bottom), sent to {@code images/edits} with the request's prompt, and the
 * answer is scaled back and pasted into the masked pixels only, so nothing outside the mask changes.
 */
public final class OpenAiCompatModel implements InpaintModel {
    private static final int OPAQUE = 255;

    private final ModelInfo info;
    private final OpenAiSettings settings;
    private final ImageEditClient client;
    private final CallGate gate;
    private final AutoCloseable owned;
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    public OpenAiCompatModel(ModelInfo info, OpenAiSettings settings, ImageEditClient client, CallGate gate) {
        this(info, settings, client, gate, () -> { });
    }

    /** A model that also closes {@code owned} (e.g. the budget ledger it opened) when it is closed. */
    OpenAiCompatModel(ModelInfo info, OpenAiSettings settings, ImageEditClient client, CallGate gate,
                      AutoCloseable owned) {
        this.info = Objects.requireNonNull(info, "info");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.owned = Objects.requireNonNull(owned, "owned");
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return PadRules.NONE;
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        if (!image.sameSizeAs(mask)) {
            throw new UnsupportedInputException("The mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height() + "; send them at the same size");
        }
        String prompt = request.prompt() == null ? "" : request.prompt().strip();
        if (prompt.isEmpty()) {
            throw new UnsupportedInputException("The openai-compat model paints what the prompt describes; "
                    + "send a prompt with the request");
        }
        if (mask.isEmpty()) {
            return image;
        }
        EditSize size = EditSize.choose(settings.model(), image.width(), image.height());
        Fit fit = Fit.of(image.width(), image.height(), size);
        ImageEdit edit = new ImageEdit(imagePng(image, fit), maskPng(mask, fit), prompt, size);
        PaidCall call = new PaidCall("edit", settings.model(), size.text(), prompt,
                List.of(edit.imagePng(), edit.maskPng()));
        byte[] answer = gate.call(call, () -> client.edit(edit));
        return pasteMasked(image, mask, backToImage(answer, fit, image.width(), image.height()));
    }

    /** Holds no native resources; closes what it owns, such as its budget ledger. */
    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(OpenAiCompatModel.class).warn("Closing {} failed: {}", info.name(),
                    e.toString());
        }
    }

    private byte[] imagePng(RgbImage image, Fit fit) {
        Mat src = Mats.of(image);
        Mat scaled = ImageOps.resizeCubic(src, fit.contentWidth(), fit.contentHeight());
        Mat padded = new Mat();
        try {
            Core.copyMakeBorder(scaled, padded, 0, fit.size().height() - fit.contentHeight(), 0,
                    fit.size().width() - fit.contentWidth(), Core.BORDER_REPLICATE);
            return codec.encode(Mats.toImage(padded), null, ImageFormat.PNG, 100, null);
        } finally {
            src.release();
            scaled.release();
            padded.release();
        }
    }

    /** A PNG whose alpha is 0 where the image may change (any masked pixel after scaling) and 255 elsewhere. */
    private byte[] maskPng(Mask mask, Fit fit) {
        Mat src = Mats.of(mask);
        Mat scaled = ImageOps.resizeCubic(src, fit.contentWidth(), fit.contentHeight());
        Mat padded = new Mat();
        try {
            Core.copyMakeBorder(scaled, padded, 0, fit.size().height() - fit.contentHeight(), 0,
                    fit.size().width() - fit.contentWidth(), Core.BORDER_CONSTANT, new Scalar(0));
            byte[] values = Mats.toMask(padded).values();
            byte[] alpha = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                alpha[i] = values[i] != 0 ? 0 : (byte) OPAQUE;
            }
            RgbImage black = RgbImage.blank(fit.size().width(), fit.size().height());
            return codec.encode(black, alpha, ImageFormat.PNG, 100, null);
        } finally {
            src.release();
            scaled.release();
            padded.release();
        }
    }

    /** The answer's part that covers the image, scaled back to the image's size. */
    private RgbImage backToImage(byte[] answer, Fit fit, int width, int height) {
        RgbImage edited;
        try {
            edited = codec.decode(answer).rgb();
        } catch (UnsupportedInputException e) {
            throw new InferenceFailedException("The OpenAI-compatible server answered with an image that could not "
                    + "be read: " + e.getMessage(), e);
        }
        int cropWidth = Math.max(1, (int) Math.round(fit.contentWidth() * edited.width() / (double) fit.size().width()));
        int cropHeight = Math.max(1,
                (int) Math.round(fit.contentHeight() * edited.height() / (double) fit.size().height()));
        Mat src = Mats.of(edited);
        Mat content = src.submat(0, cropHeight, 0, cropWidth);
        Mat resized = ImageOps.resizeCubic(content, width, height);
        try {
            return Mats.toImage(resized);
        } finally {
            src.release();
            content.release();
            resized.release();
        }
    }

    private static RgbImage pasteMasked(RgbImage original, Mask mask, RgbImage edited) {
        byte[] out = original.pixels().clone();
        byte[] values = mask.values();
        byte[] painted = edited.pixels();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                System.arraycopy(painted, i * 3, out, i * 3, 3);
            }
        }
        return new RgbImage(original.width(), original.height(), out);
    }

    /** Where the scaled image sits (top left) inside the size sent upstream. */
    private record Fit(EditSize size, int contentWidth, int contentHeight) {
        static Fit of(int width, int height, EditSize size) {
            double scale = Math.min(size.width() / (double) width, size.height() / (double) height);
            int w = Math.min(size.width(), Math.max(1, (int) Math.round(width * scale)));
            int h = Math.min(size.height(), Math.max(1, (int) Math.round(height * scale)));
            return new Fit(size, w, h);
        }
    }
}
