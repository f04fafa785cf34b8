package dev.iopaint.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditSizeTest {
    @Test
    void gpt_image_1_takes_the_size_of_closest_aspect() {
        assertThat(EditSize.choose("gpt-image-1", 500, 480)).isEqualTo(new EditSize(1024, 1024));
        assertThat(EditSize.choose("gpt-image-1", 800, 500)).isEqualTo(new EditSize(1536, 1024));
        assertThat(EditSize.choose("gpt-image-1", 300, 900)).isEqualTo(new EditSize(1024, 1536));
    }

    @Test
    void dall_e_2_takes_the_smallest_square_that_holds_the_image() {
        assertThat(EditSize.choose("dall-e-2", 200, 100)).isEqualTo(new EditSize(256, 256));
        assertThat(EditSize.choose("dall-e-2", 300, 512)).isEqualTo(new EditSize(512, 512));
        assertThat(EditSize.choose("dall-e-2", 513, 10)).isEqualTo(new EditSize(1024, 1024));
        assertThat(EditSize.choose("dall-e-2", 4000, 3000)).isEqualTo(new EditSize(1024, 1024));
    }

    @Test
    void is_spelled_as_the_api_wants() {
        assertThat(new EditSize(1536, 1024).text()).isEqualTo("1536x1024");
    }
}
