package dev.iopaint.models.erase.migan;

import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;

import java.nio.file.Path;
import java.util.Map;

/** Stores, loading and small images shared by the MI-GAN tests. */
final class MiganTestSupport {
    private MiganTestSupport() {
    }

    static DefaultModelStore store(Path root, Map<String, String> overrides) {
        return new DefaultModelStore(new ModelDirectory(root),
                DownloadSettings.defaults().withOffline(true).withOverrides(overrides));
    }

    static InpaintModel load(DefaultModelStore store) {
        return new MiganProvider().load(ModelInfo.erase(MiganProvider.NAME), LoadOptions.CPU, store);
    }

    /** An image whose every pixel and channel differs from its neighbours, so misplaced values show. */
    static RgbImage pattern(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                pixels[i] = (byte) (x * 7 + y * 3);
                pixels[i + 1] = (byte) (x * 5 + y * 11 + 1);
                pixels[i + 2] = (byte) (x + y * 2 + 2);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A mask with 255 in each rectangle {left, top, right, bottom} (right/bottom exclusive). */
    static Mask rectangles(int width, int height, int[]... boxes) {
        byte[] values = new byte[width * height];
        for (int[] box : boxes) {
            for (int y = box[1]; y < box[3]; y++) {
                for (int x = box[0]; x < box[2]; x++) {
                    values[y * width + x] = (byte) 255;
                }
            }
        }
        return new Mask(width, height, values);
    }

    /** The image with every pixel the mask marks (any non-zero value) set to one grey level. */
    static RgbImage paint(RgbImage image, Mask mask, int level) {
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
}
