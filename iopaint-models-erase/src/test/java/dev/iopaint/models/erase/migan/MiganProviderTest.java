package dev.iopaint.models.erase.migan;

import dev.iopaint.api.Device;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.ModelProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class MiganProviderTest {
    @TempDir
    Path dir;

    @Test
    void is_found_by_the_service_loader() {
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(MiganProvider.class);
    }

    @Test
    void describes_iopaints_migan_file_padding_and_devices() {
        ModelSpec spec = new MiganProvider().specs().get(0);

        assertThat(spec.name()).isEqualTo("migan");
        assertThat(spec.files()).singleElement().satisfies(file -> {
            assertThat(file.url()).isEqualTo(
                    "https://github.com/Sanster/models/releases/download/migan/migan_traced.pt");
            assertThat(file.md5()).isEqualTo("76eb3b1a71c400ee3290524f7a11b89c");
            assertThat(file.urlVariable()).isEqualTo("MIGAN_MODEL_URL");
            assertThat(file.md5Variable()).isEqualTo("MIGAN_MODEL_MD5");
        });
        assertThat(spec.padRules()).isEqualTo(new PadRules(512, 512, true));
        assertThat(spec.devices()).containsExactlyInAnyOrder(Device.CPU, Device.CUDA, Device.MPS);
    }

    @Test
    void is_listed_once_its_file_is_in_the_checkpoints_folder() throws Exception {
        MiganProvider provider = new MiganProvider();
        var store = MiganTestSupport.store(dir, Map.of());
        assertThat(provider.scan(store)).isEmpty();

        Path file = new ModelDirectory(dir).checkpoint("migan_traced.pt");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});

        assertThat(provider.scan(store)).containsExactly(ModelInfo.erase("migan"));
    }
}
