package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;

/**
 * RemoveBG with U^2-Netp loaded, as IOPaint's plugin calls rembg's {@code remove}. IOPaint hands rembg the image
 * in BGR order and rembg takes it for RGB, so the network sees blue in its red slot; we feed it the same, to give
 * IOPaint's mattes. Each call is independent, so calls may run at once.
 */
final class RemoveBgPlugin implements Plugin {
    private final String model;
    private final U2NetpNetwork network;

    RemoveBgPlugin(String model, U2NetpNetwork network) {
        this.model = model;
        this.network = network;
    }

    @Override
    public String model() {
        return model;
    }

    /** The matte: 255 on the salient object, 0 on the background, soft in between; rembg's {@code only_mask}. */
    @Override
    public Mask genMask(RgbImage image, PluginRequest request) {
        return matte(image);
    }

    /** The image cut out along the matte, as rembg's {@code naive_cutout}: colours faded by it, alpha = matte. */
    @Override
    public PluginImage genImage(RgbImage image, PluginRequest request) {
        Mask alpha = matte(image);
        return PluginImage.withAlpha(Cutout.of(image, alpha), alpha);
    }

    @Override
    public void close() {
        network.close();
    }

    private Mask matte(RgbImage image) {
        U2NetpNetwork.Prediction prediction = network.predict(U2NetpInput.of(image));
        return Matte.of(prediction.values(), prediction.width(), prediction.height(), image.width(), image.height());
    }
}
