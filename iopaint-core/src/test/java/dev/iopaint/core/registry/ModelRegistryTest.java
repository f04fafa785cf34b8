package dev.iopaint.core.registry;

import dev.iopaint.api.Device;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {

    /** A provider of one erase model, public so the service loader can build it. */
    public static class AlphaProvider implements ModelProvider {
        @Override
        public List<ModelSpec> specs() {
            return List.of(ModelSpec.erase("alpha", List.of(), PadRules.NONE, Set.of(Device.CPU)));
        }

        @Override
        public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
            throw new UnsupportedOperationException("not loaded in these tests");
        }
    }

    /** Claims the same name as {@link AlphaProvider}. */
    public static class AlphaAgainProvider extends AlphaProvider {
    }

    /** Fails while listing its models, as a provider built against another API version might. */
    public static class FailingProvider extends AlphaProvider {
        @Override
        public List<ModelSpec> specs() {
            throw new IllegalStateException("broken");
        }
    }

    @Test
    void finds_providers_listed_in_service_files_and_skips_broken_ones(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services/" + ModelProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n",
                "com.example.DoesNotExist",
                FailingProvider.class.getName(),
                AlphaProvider.class.getName()));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ModelRegistry registry = ModelRegistry.discover(loader);

            assertThat(registry.providers()).hasSize(1).first().isInstanceOf(AlphaProvider.class);
            assertThat(registry.spec("alpha")).isPresent();
        }
    }

    @Test
    void refuses_two_providers_claiming_one_model_name_and_names_both() {
        assertThatThrownBy(() -> ModelRegistry.of(List.of(new AlphaProvider(), new AlphaAgainProvider())))
                .isInstanceOf(IopaintException.class)
                .hasMessageContaining("'alpha'")
                .hasMessageContaining(AlphaProvider.class.getName())
                .hasMessageContaining(AlphaAgainProvider.class.getName());
    }

    @Test
    void registers_providers_explicitly_for_embedders() {
        ModelRegistry registry = ModelRegistry.of(List.of()).with(new AlphaProvider());

        assertThat(registry.specs()).extracting(ModelSpec::name).containsExactly("alpha");
        assertThat(registry.loaderFor(ModelInfo.erase("alpha"))).isInstanceOf(AlphaProvider.class);
    }

    @Test
    void names_the_module_to_add_when_no_provider_loads_a_scanned_model() {
        ModelRegistry registry = ModelRegistry.of(List.of(new AlphaProvider()));
        ModelInfo sd = new ModelInfo("runwayml/stable-diffusion-inpainting", "runwayml/stable-diffusion-inpainting",
                ModelType.DIFFUSERS_SD_INPAINT, false);

        assertThatThrownBy(() -> registry.loaderFor(sd))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("iopaint-models-diffusion");
    }
}
