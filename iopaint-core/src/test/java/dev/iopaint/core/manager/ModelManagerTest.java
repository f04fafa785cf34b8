package dev.iopaint.core.manager;

import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.registry.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelManagerTest {
    private static final ModelFile WEIGHTS = new ModelFile("http://127.0.0.1:9/big-fake.pt", "", "FAKE_MODEL");

    @TempDir
    Path dir;
    private FakeStore store;
    private FakeProvider provider;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = new FakeStore(new ModelDirectory(dir));
        provider = new FakeProvider();
    }

    private ModelManager manager(Device device) {
        return new ModelManager(ModelRegistry.of(List.of(provider)), store, LoadOptions.CPU.withDevice(device),
                DownloadListener.NONE);
    }

    @Test
    void switching_closes_the_old_model_before_loading_the_new_one() {
        try (ModelManager manager = manager(Device.CPU)) {
            manager.switchTo("quick");
            manager.switchTo("other");

            assertThat(manager.current()).map(ModelInfo::name).contains("other");
            assertThat(events).containsExactly("load quick on cpu", "close quick", "load other on cpu");
        }
    }

    @Test
    void a_failed_switch_goes_back_to_the_previous_model_and_reports_the_failure() {
        try (ModelManager manager = manager(Device.CPU)) {
            manager.switchTo("quick");

            assertThatThrownBy(() -> manager.switchTo("broken")).isInstanceOf(ModelLoadException.class);

            assertThat(manager.current()).map(ModelInfo::name).contains("quick");
            String answering = manager.withModel(model -> model.info().name());
            assertThat(answering).isEqualTo("quick");
        }
    }

    @Test
    void a_model_whose_load_fails_has_its_files_checked_against_their_md5() {
        try (ModelManager manager = manager(Device.CPU)) {
            assertThatThrownBy(() -> manager.switchTo("broken")).isInstanceOf(ModelLoadException.class);

            assertThat(store.checked).containsExactly(WEIGHTS);
        }
    }

    @Test
    void downloads_a_models_files_before_loading_it() {
        try (ModelManager manager = manager(Device.CPU)) {
            manager.switchTo("downloadable");

            assertThat(store.isPresent(WEIGHTS)).isTrue();
            assertThat(events).containsExactly("load downloadable on cpu");
        }
    }

    @Test
    void an_unknown_name_lists_what_is_available() {
        try (ModelManager manager = manager(Device.CPU)) {
            assertThatThrownBy(() -> manager.switchTo("nope"))
                    .isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("quick")
                    .hasMessageContaining("downloadable");
        }
    }

    @Test
    void asks_for_the_cpu_when_the_model_does_not_support_the_device() {
        try (ModelManager manager = manager(Device.CUDA)) {
            manager.switchTo("quick");
            manager.switchTo("gpu");
        }

        assertThat(events).containsSubsequence("load quick on cpu", "load gpu on cuda");
    }

    @Test
    void a_switch_waits_for_requests_in_flight_and_later_requests_wait_for_the_switch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ModelManager manager = manager(Device.CPU)) {
            manager.switchTo("quick");
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);

            Future<String> slowRequest = pool.submit(() -> manager.withModel(model -> {
                inFlight.countDown();
                await(release);
                events.add("request on " + model.info().name() + " done");
                return model.info().name();
            }));
            inFlight.await(5, TimeUnit.SECONDS);
            Future<ModelInfo> switching = pool.submit(() -> manager.switchTo("other"));
            Thread.sleep(100);
            Future<String> laterRequest = pool.submit(() -> manager.withModel(model -> model.info().name()));
            Thread.sleep(100);

            assertThat(switching).isNotDone();
            assertThat(laterRequest).isNotDone();
            release.countDown();

            assertThat(slowRequest.get(5, TimeUnit.SECONDS)).isEqualTo("quick");
            assertThat(switching.get(5, TimeUnit.SECONDS).name()).isEqualTo("other");
            assertThat(laterRequest.get(5, TimeUnit.SECONDS)).isEqualTo("other");
            assertThat(events).containsSubsequence("request on quick done", "close quick", "load other on cpu");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class FakeProvider implements ModelProvider {
        @Override
        public List<ModelSpec> specs() {
            return List.of(
                    ModelSpec.erase("quick", List.of(), PadRules.NONE, Set.of(Device.CPU)),
                    ModelSpec.erase("other", List.of(), PadRules.NONE, Set.of(Device.CPU)),
                    ModelSpec.erase("gpu", List.of(), PadRules.NONE, Set.of(Device.CPU, Device.CUDA)),
                    ModelSpec.erase("broken", List.of(WEIGHTS), PadRules.NONE, Set.of(Device.CPU)),
                    ModelSpec.erase("downloadable", List.of(WEIGHTS), PadRules.NONE, Set.of(Device.CPU)));
        }

        @Override
        public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
            if (model.name().equals("broken")) {
                throw new ModelLoadException("broken.pt is not a TorchScript archive");
            }
            events.add("load " + model.name() + " on " + options.device().wireName());
            return new FakeModel(model);
        }
    }

    private final class FakeModel implements InpaintModel {
        private final ModelInfo info;

        FakeModel(ModelInfo info) {
            this.info = info;
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
            return image;
        }

        @Override
        public void close() {
            events.add("close " + info.name());
        }
    }

    /** Files live in the model directory; a fetch writes an empty file, as if downloaded. */
    private static final class FakeStore implements ModelStore {
        private final ModelDirectory directory;
        final List<ModelFile> checked = new CopyOnWriteArrayList<>();

        FakeStore(ModelDirectory directory) {
            this.directory = directory;
        }

        @Override
        public ModelDirectory directory() {
            return directory;
        }

        @Override
        public Path pathOf(ModelFile file) {
            return directory.checkpoint(file.fileName());
        }

        @Override
        public Path fetch(ModelFile file, DownloadListener listener) {
            try {
                Files.createDirectories(directory.torchCheckpoints());
                return Files.write(pathOf(file), new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean removeIfCorrupt(ModelFile file) {
            checked.add(file);
            return false;
        }
    }
}
