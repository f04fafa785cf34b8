package dev.iopaint.models.erase.lama;

import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;

import java.io.IOException;
import java.nio.file.Path;

/** Stand-ins for LaMa's weights, written where IOPaint keeps them, and images to feed them. */
final class LamaFixtures {
    static final String PARAMETERS = "image: Tensor, mask: Tensor";
    /** Paints the holes mid grey and keeps the rest: {@code image * (1 - mask) + mask * 0.5}. */
    static final String FILL_HALF_GREY = "return torch.add(torch.mul(image, torch.rsub(mask, 1)), torch.mul(mask, 0.5))";

    private LamaFixtures() {
    }

    static Path writeBigLama(Path modelDir, String body) throws IOException {
        return TorchScriptFixtures.write(checkpoint(modelDir, "big-lama.pt"), PARAMETERS, body);
    }

    static Path checkpoint(Path modelDir, String fileName) {
        return new ModelDirectory(modelDir).torchCheckpoints().resolve(fileName);
    }

    static ModelStore store(Path modelDir) {
        return new DefaultModelStore(new ModelDirectory(modelDir), DownloadSettings.defaults().withOffline(true));
    }

    /** Every byte value appears, in a different place in each channel, so a swap or transpose shows. */
    static RgbImage pattern(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            pixels[3 * i] = (byte) i;
            pixels[3 * i + 1] = (byte) (i * 7 + 3);
            pixels[3 * i + 2] = (byte) (255 - i / 3);
        }
        return new RgbImage(width, height, pixels);
    }

    /** A mask that is {@code value} inside the rectangle and 0 elsewhere. */
    static Mask rectangle(int width, int height, int x0, int y0, int x1, int y1, int value) {
        byte[] values = new byte[width * height];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                values[y * width + x] = (byte) value;
            }
        }
        return new Mask(width, height, values);
    }
}
