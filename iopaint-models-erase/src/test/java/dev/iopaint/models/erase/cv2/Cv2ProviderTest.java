package dev.iopaint.models.erase.cv2;

import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.spi.ModelProvider;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class Cv2ProviderTest {
    @Test
    void is_found_by_the_service_loader() {
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(Cv2Provider.class);
    }

    @Test
    void needs_no_files_and_never_pads() {
        ModelSpec spec = new Cv2Provider().specs().get(0);

        assertThat(spec.name()).isEqualTo("cv2");
        assertThat(spec.files()).isEmpty();
        assertThat(spec.padRules().modulo()).isEqualTo(1);
    }
}
