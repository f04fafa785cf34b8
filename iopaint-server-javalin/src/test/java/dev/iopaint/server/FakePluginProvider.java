package dev.iopaint.server;

import dev.iopaint.api.Click;
import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plugins for tests, without weights, under IOPaint's names and with outputs easy to compute by hand:
 * <ul>
 * <li>{@link #interactiveSeg()}: masks only; selects the pixel of each positive click, then deselects the pixel of
 * each negative one, in order;</li>
 * <li>{@link #removeBg()}: images and masks; the mask selects the left half (x below width / 2), the image is the
 * input with its colours inverted and that mask as alpha;</li>
 * <li>{@link #upscaler()} (RealESRGAN): images only, no alpha; each pixel becomes a {@code scale x scale} block of
 * its inverted colour.</li>
 * </ul>
 * Each provider records what it loaded and how many of its plugins were closed.
 */
public final class FakePluginProvider implements PluginProvider {
    private enum Kind { SEGMENT, CUT_OUT, UPSCALE }

    private final String name;
    private final Kind kind;
    private final List<PluginModelSpec> models;
    /** "model@device" of every load, in order. */
    public final List<String> loads = new CopyOnWriteArrayList<>();
    public final AtomicInteger closed = new AtomicInteger();
    public final AtomicReference<PluginRequest> lastRequest = new AtomicReference<>();

    private FakePluginProvider(String name, Kind kind, List<PluginModelSpec> models) {
        this.name = name;
        this.kind = kind;
        this.models = models;
    }

    /** InteractiveSeg with the models fake_sam (default) and fake_sam_large. */
    public static FakePluginProvider interactiveSeg() {
        return new FakePluginProvider(ServerPlugins.INTERACTIVE_SEG, Kind.SEGMENT, models("fake_sam", "fake_sam_large"));
    }

    /** RemoveBG with the models fake_u2netp (default) and fake_rmbg. */
    public static FakePluginProvider removeBg() {
        return new FakePluginProvider(ServerPlugins.REMOVE_BG, Kind.CUT_OUT, models("fake_u2netp", "fake_rmbg"));
    }

    /** RealESRGAN with the model fake_x4. */
    public static FakePluginProvider upscaler() {
        return new FakePluginProvider(ServerPlugins.REALESRGAN, Kind.UPSCALE, models("fake_x4"));
    }

    /** The same plugin, but each of its models needs {@code files}. */
    public FakePluginProvider withFiles(ModelFile... files) {
        return new FakePluginProvider(name, kind, models.stream()
                .map(model -> new PluginModelSpec(model.name(), Arrays.asList(files))).toList());
    }

    private static List<PluginModelSpec> models(String... names) {
        return Arrays.stream(names).map(model -> new PluginModelSpec(model, List.of())).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supportsGenImage() {
        return kind != Kind.SEGMENT;
    }

    @Override
    public boolean supportsGenMask() {
        return kind != Kind.UPSCALE;
    }

    @Override
    public List<PluginModelSpec> models() {
        return models;
    }

    @Override
    public Plugin load(PluginModelSpec model, Device device, ModelStore store) {
        loads.add(model.name() + "@" + device.wireName());
        return new Plugin() {
            @Override
            public String model() {
                return model.name();
            }

            @Override
            public Mask genMask(RgbImage image, PluginRequest request) {
                lastRequest.set(request);
                return kind == Kind.SEGMENT ? clicked(image, request.clicks()) : leftHalf(image);
            }

            @Override
            public PluginImage genImage(RgbImage image, PluginRequest request) {
                lastRequest.set(request);
                if (kind == Kind.CUT_OUT) {
                    return PluginImage.withAlpha(inverted(image, 1), leftHalf(image));
                }
                return PluginImage.opaque(inverted(image, (int) Math.round(request.scale())));
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private static Mask clicked(RgbImage image, List<Click> clicks) {
        byte[] values = new byte[image.width() * image.height()];
        for (Click click : clicks) {
            values[(int) click.y() * image.width() + (int) click.x()] = (byte) (click.positive() ? 255 : 0);
        }
        return new Mask(image.width(), image.height(), values);
    }

    private static Mask leftHalf(RgbImage image) {
        byte[] values = new byte[image.width() * image.height()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width() / 2; x++) {
                values[y * image.width() + x] = (byte) 255;
            }
        }
        return new Mask(image.width(), image.height(), values);
    }

    private static RgbImage inverted(RgbImage image, int scale) {
        int width = image.width() * scale;
        int height = image.height() * scale;
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = image.rgb(x / scale, y / scale);
                for (int c = 0; c < 3; c++) {
                    pixels[3 * (y * width + x) + c] = (byte) (255 - rgb[c]);
                }
            }
        }
        return new RgbImage(width, height, pixels);
    }
}
