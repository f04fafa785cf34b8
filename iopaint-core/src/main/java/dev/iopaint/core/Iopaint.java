package dev.iopaint.core;

import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.manager.ModelManager;
import dev.iopaint.core.pipeline.InpaintPipeline;
import dev.iopaint.core.registry.ModelRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedder's entry point: one model directory, one active model, inpainting as IOPaint does it.
 * <pre>{@code
 * try (Iopaint iopaint = Iopaint.builder().modelDir(dir).model("cv2").build()) {
 *     RgbImage result = iopaint.inpaint(image, mask, InpaintRequest.defaults());
 * }
 * }</pre>
 * Thread-safe: calls may run concurrently; a model switch waits for them.
 */
public final class Iopaint implements AutoCloseable {
    private final ModelRegistry registry;
    private final ModelStore store;
    private final ModelManager manager;
    private final InpaintPipeline pipeline = new InpaintPipeline();

    private Iopaint(Builder builder) {
        this.registry = builder.registry != null ? builder.registry
                : ModelRegistry.discover(Iopaint.class.getClassLoader());
        this.store = new DefaultModelStore(builder.modelDirectory(), builder.downloadSettings());
        this.manager = new ModelManager(registry, store, builder.loadOptions(), builder.downloadListener);
        manager.switchTo(builder.model);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The models that can be served from the model directory now (IOPaint's {@code scan_models}). */
    public List<ModelInfo> models() {
        return manager.catalog().scan();
    }

    /** The active model. */
    public ModelInfo model() {
        return manager.current().orElseThrow();
    }

    /** Makes another model active, downloading it first if needed; on failure the previous model stays active. */
    public ModelInfo switchModel(String name) {
        return manager.switchTo(name);
    }

    /** Downloads a model's files (those not on disk yet), verifying each. */
    public void download(String name, DownloadListener listener) {
        manager.catalog().download(name, listener);
    }

    /**
     * Inpaints the masked area with the active model, as IOPaint's HTTP API does: mask pixels above 127 are
     * repainted, the HD strategy, padding and blending follow the request.
     *
     * @throws UnsupportedInputException when image and mask differ in size
     */
    public RgbImage inpaint(RgbImage image, Mask mask, InpaintRequest request) {
        Objects.requireNonNull(request, "request");
        if (!image.sameSizeAs(mask)) {
            throw new UnsupportedInputException("The mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height() + "; give a mask of the image's size");
        }
        Mask binary = mask.binarized(127);
        return manager.withModel(model -> pipeline.run(model, image, binary, request));
    }

    public ModelRegistry registry() {
        return registry;
    }

    public ModelStore store() {
        return store;
    }

    /** Closes the active model and frees its native memory. */
    @Override
    public void close() {
        manager.close();
    }

    /** Settings of an {@link Iopaint}; everything but {@link #model} has IOPaint's default. */
    public static final class Builder {
        private Path modelDir;
        private String model;
        private Device device = Device.CPU;
        private boolean offline;
        private Map<String, String> environment = Map.of();
        private DownloadListener downloadListener = DownloadListener.NONE;
        private ModelRegistry registry;
        private LoadOptions loadOptions = LoadOptions.CPU;

        private Builder() {
        }

        /** IOPaint's {@code --model-dir}; by default {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. */
        public Builder modelDir(Path dir) {
            this.modelDir = dir;
            return this;
        }

        /** The model to load, e.g. {@code cv2} or {@code lama}; downloaded first when it is not on disk. */
        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** Where models run (IOPaint's {@code --device}); the CPU when the model or the machine lacks it. */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device);
            return this;
        }

        /** Flags such as low memory or no fp16; the device comes from {@link #device}. */
        public Builder loadOptions(LoadOptions options) {
            this.loadOptions = Objects.requireNonNull(options);
            return this;
        }

        /** Never touch the network: a model that is not on disk is an error (IOPaint's {@code --local-files-only}). */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Variables such as {@code XDG_CACHE_HOME}, the {@code <MODEL>_MODEL_URL}/{@code _MD5} overrides and model
         * families' settings (settings given in {@link #loadOptions} win over these); pass
         * {@code System.getenv()} to behave like IOPaint. Empty by default: the library never reads the environment.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder downloadListener(DownloadListener listener) {
            this.downloadListener = Objects.requireNonNull(listener);
            return this;
        }

        /** Use exactly these providers instead of those found on the classpath. */
        public Builder registry(ModelRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Iopaint build() {
            if (model == null || model.isBlank()) {
                throw new UnsupportedInputException("Choose a model with model(name), e.g. model(\"cv2\")");
            }
            return new Iopaint(this);
        }

        private ModelDirectory modelDirectory() {
            return modelDir != null ? new ModelDirectory(modelDir)
                    : ModelDirectory.defaultFor(environment, Path.of(System.getProperty("user.home")));
        }

        private DownloadSettings downloadSettings() {
            return DownloadSettings.defaults().withOverrides(environment).withOffline(offline);
        }

        private LoadOptions loadOptions() {
            Map<String, String> settings = new java.util.HashMap<>(environment);
            settings.putAll(loadOptions.settings());
            return new LoadOptions(device, loadOptions.noHalf(), loadOptions.lowMem(), loadOptions.cpuOffload(),
                    loadOptions.disableNsfw(), loadOptions.cpuTextEncoder(), offline || loadOptions.localFilesOnly(),
                    settings);
        }
    }
}
