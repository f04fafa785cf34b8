package dev.iopaint.core.plugins;

import dev.iopaint.api.Click;
import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.registry.PluginRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginsTest {
    /** "good" and "better" load; "broken" has a file whose MD5 never matches, so loading it fails. */
    private static final ModelFile GOOD = new ModelFile("http://127.0.0.1:9/good.onnx", "", "GOOD_PLUGIN");
    private static final ModelFile BETTER = new ModelFile("http://127.0.0.1:9/better.onnx", "", "BETTER_PLUGIN");
    private static final ModelFile BROKEN = new ModelFile("http://127.0.0.1:9/broken.onnx",
            "00000000000000000000000000000000", "BROKEN_PLUGIN");

    @TempDir
    Path dir;
    private ModelStore store;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        store = new DefaultModelStore(new ModelDirectory(dir), DownloadSettings.defaults().withOffline(true));
        for (ModelFile file : List.of(GOOD, BETTER, BROKEN)) {
            Files.createDirectories(store.pathOf(file).getParent());
            Files.writeString(store.pathOf(file), file.fileName());
        }
    }

    private Plugins start(PluginSetting... settings) {
        return Plugins.start(PluginRegistry.of(List.of(new Masker(), new Painter())), store, List.of(settings),
                DownloadListener.NONE);
    }

    @Test
    void an_enabled_plugin_runs_its_default_model_and_makes_masks() {
        try (Plugins plugins = start(PluginSetting.of("Masker"))) {
            Mask mask = plugins.genMask("Masker", new RgbImage(3, 2, new byte[18]),
                    PluginRequest.clicks(List.of(new Click(1, 1, true))));

            assertThat(plugins.model("Masker")).isEqualTo("good");
            assertThat(plugins.enabled()).extracting(PluginProvider::name).containsExactly("Masker");
            assertThat(mask.values()).containsExactly(0, 0, 0, 0, (byte) 255, 0);
        }
    }

    @Test
    void a_plugin_asked_for_what_it_does_not_make_or_one_not_enabled_is_not_available() {
        try (Plugins plugins = start(PluginSetting.of("Masker"))) {
            RgbImage image = new RgbImage(1, 1, new byte[3]);

            assertThatThrownBy(() -> plugins.genImage("Masker", image, PluginRequest.NONE))
                    .isInstanceOf(PluginNotAvailableException.class).hasMessageContaining("makes no images");
            assertThatThrownBy(() -> plugins.genImage("Painter", image, PluginRequest.NONE))
                    .isInstanceOf(PluginNotAvailableException.class)
                    .hasMessageContaining("Plugin not found: 'Painter'").hasMessageContaining("[Masker]");
        }
    }

    @Test
    void an_unknown_plugin_or_model_fails_the_start_and_names_what_there_is() {
        assertThatThrownBy(() -> start(PluginSetting.of("AnimeSeg")))
                .isInstanceOf(PluginNotAvailableException.class).hasMessageContaining("[Masker, Painter]");
        assertThatThrownBy(() -> start(new PluginSetting("Masker", Optional.of("sam2_1_tiny"), Device.CPU)))
                .isInstanceOf(PluginNotAvailableException.class)
                .hasMessageContaining("sam2_1_tiny").hasMessageContaining("[good, better, broken]");
    }

    @Test
    void a_failed_start_closes_the_plugins_it_had_loaded() {
        assertThatThrownBy(() -> start(PluginSetting.of("Painter"),
                new PluginSetting("Masker", Optional.of("broken"), Device.CPU)))
                .isInstanceOf(ModelLoadException.class);

        assertThat(events).containsExactly("load paint", "load broken", "close paint");
    }

    @Test
    void switching_loads_the_new_model_then_closes_the_old_one() {
        try (Plugins plugins = start(PluginSetting.of("Masker"))) {
            plugins.switchModel("Masker", "better");
            plugins.switchModel("Masker", "better");

            assertThat(plugins.model("Masker")).isEqualTo("better");
            assertThat(events).containsExactly("load good", "load better", "close good");
        }
    }

    @Test
    void a_failed_switch_keeps_the_old_model_and_deletes_the_damaged_file() {
        try (Plugins plugins = start(PluginSetting.of("Masker"))) {
            assertThatThrownBy(() -> plugins.switchModel("Masker", "broken"))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("did not match its MD5");

            assertThat(plugins.model("Masker")).isEqualTo("good");
            assertThat(store.pathOf(BROKEN)).doesNotExist();
            assertThatThrownBy(() -> plugins.switchModel("Masker", "broken"))
                    .isInstanceOf(DownloadFailedException.class);
        }
    }

    @Test
    void a_missing_file_while_offline_says_which_file() {
        store = new DefaultModelStore(new ModelDirectory(dir.resolve("empty")),
                DownloadSettings.defaults().withOffline(true));

        assertThatThrownBy(() -> start(PluginSetting.of("Masker")))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("good.onnx");
    }

    @Test
    void closing_closes_every_plugin() {
        Plugins plugins = start(PluginSetting.of("Masker"), PluginSetting.of("Painter"));

        plugins.close();

        assertThat(events).containsExactly("load good", "load paint", "close good", "close paint");
        assertThat(plugins.enabled()).isEmpty();
    }

    /** Selects the pixel of the first click; "broken" fails to load, as a damaged file would. */
    private final class Masker implements PluginProvider {
        @Override
        public String name() {
            return "Masker";
        }

        @Override
        public boolean supportsGenImage() {
            return false;
        }

        @Override
        public boolean supportsGenMask() {
            return true;
        }

        @Override
        public List<PluginModelSpec> models() {
            return List.of(new PluginModelSpec("good", List.of(GOOD)), new PluginModelSpec("better", List.of(BETTER)),
                    new PluginModelSpec("broken", List.of(BROKEN)));
        }

        @Override
        public Plugin load(PluginModelSpec model, Device device, ModelStore modelStore) {
            events.add("load " + model.name());
            if (model.name().equals("broken")) {
                throw new ModelLoadException(modelStore.pathOf(BROKEN) + " is not an ONNX file");
            }
            return new Recording(model.name()) {
                @Override
                public Mask genMask(RgbImage image, PluginRequest request) {
                    byte[] values = new byte[image.width() * image.height()];
                    Click click = request.clicks().get(0);
                    values[(int) click.y() * image.width() + (int) click.x()] = (byte) 255;
                    return new Mask(image.width(), image.height(), values);
                }
            };
        }
    }

    /** Makes opaque copies. */
    private final class Painter implements PluginProvider {
        @Override
        public String name() {
            return "Painter";
        }

        @Override
        public boolean supportsGenImage() {
            return true;
        }

        @Override
        public boolean supportsGenMask() {
            return false;
        }

        @Override
        public List<PluginModelSpec> models() {
            return List.of(new PluginModelSpec("paint", List.of()));
        }

        @Override
        public Plugin load(PluginModelSpec model, Device device, ModelStore modelStore) {
            events.add("load " + model.name());
            return new Recording(model.name()) {
                @Override
                public PluginImage genImage(RgbImage image, PluginRequest request) {
                    return PluginImage.opaque(image);
                }
            };
        }
    }

    private abstract class Recording implements Plugin {
        private final String model;

        Recording(String model) {
            this.model = model;
        }

        @Override
        public String model() {
            return model;
        }

        @Override
        public void close() {
            events.add("close " + model);
        }
    }
}
