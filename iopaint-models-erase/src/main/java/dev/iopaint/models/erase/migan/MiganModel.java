package dev.iopaint.models.erase.migan;

import dev.iopaint.api.CallPath;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;

/**
 * The loaded {@code migan} model. Core runs IOPaint's MI-GAN call path around it (each masked region at 512x512,
 * whatever the HD strategy), so {@link #forward} always sees a padded 512x512 image.
 */
final class MiganModel implements InpaintModel {
    private final ModelInfo info;
    private final MiganNetwork network;

    MiganModel(ModelInfo info, MiganNetwork network) {
        this.info = info;
        this.network = network;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return MiganProvider.PAD_RULES;
    }

    @Override
    public CallPath callPath() {
        return CallPath.EACH_BOX_AT_MODEL_SIZE;
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        return network.inpaint(image, mask);
    }

    @Override
    public void close() {
        network.close();
    }
}
