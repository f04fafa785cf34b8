package dev.iopaint.core.pipeline;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import java.util.ArrayList;
import java.util.List;

/** A model for tests: records what it is given and paints with a {@link Painter}. */
final class FakeModel implements InpaintModel {
    /** Paints one call's output; {@code call} counts from 1. */
    interface Painter {
        RgbImage paint(RgbImage image, Mask mask, int call);
    }

    final List<RgbImage> images = new ArrayList<>();
    final List<Mask> masks = new ArrayList<>();
    /** How many images each {@link #forwardEach} call was given. */
    final List<Integer> batches = new ArrayList<>();
    private final ModelInfo info;
    private final PadRules padRules;
    private final Painter painter;

    FakeModel(ModelType type, PadRules padRules, Painter painter) {
        this.info = new ModelInfo("fake", "fake", type, false);
        this.padRules = padRules;
        this.painter = painter;
    }

    /** An erase model that paints masked pixels (mask above 0) in one grey level. */
    static FakeModel filling(PadRules padRules, int level) {
        return new FakeModel(ModelType.INPAINT, padRules, (image, mask, call) -> fill(image, mask, level));
    }

    static RgbImage fill(RgbImage image, Mask mask, int level) {
        byte[] pixels = image.pixels().clone();
        for (int i = 0; i < mask.values().length; i++) {
            if (mask.values()[i] != 0) {
                pixels[3 * i] = (byte) level;
                pixels[3 * i + 1] = (byte) level;
                pixels[3 * i + 2] = (byte) level;
            }
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    List<String> sizes() {
        return images.stream().map(image -> image.width() + "x" + image.height()).toList();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return padRules;
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        images.add(image);
        masks.add(mask);
        return painter.paint(image, mask, images.size());
    }

    @Override
    public List<RgbImage> forwardEach(List<RgbImage> images, List<Mask> masks, InpaintRequest request) {
        batches.add(images.size());
        return InpaintModel.super.forwardEach(images, masks, request);
    }

    @Override
    public void close() {
    }
}
