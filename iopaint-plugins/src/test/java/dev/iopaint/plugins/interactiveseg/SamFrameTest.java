package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Click;
import dev.iopaint.api.UnsupportedInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamFrameTest {
    @Test
    void the_longest_side_becomes_1024_and_the_other_is_rounded_half_up() {
        assertThat(SamFrame.of(868, 600)).isEqualTo(new SamFrame(868, 600, 1024, 708)); // 707.83
        assertThat(SamFrame.of(1500, 701)).isEqualTo(new SamFrame(1500, 701, 1024, 479)); // 478.55
        assertThat(SamFrame.of(333, 517)).isEqualTo(new SamFrame(333, 517, 660, 1024)); // 659.56
        assertThat(SamFrame.of(512, 384)).isEqualTo(new SamFrame(512, 384, 1024, 768));
        assertThat(SamFrame.of(100, 100)).isEqualTo(new SamFrame(100, 100, 1024, 1024));
    }

    @Test
    void clicks_are_scaled_into_the_frame_axis_by_axis() {
        float[] point = SamFrame.of(868, 600).point(new Click(434, 300, true));

        assertThat(point[0]).isEqualTo(512f);
        assertThat(point[1]).isEqualTo(354f); // 300 * 708 / 600, not 300 * 1024 / 868
    }

    @Test
    void an_image_whose_short_side_would_vanish_is_rejected() {
        assertThat(SamFrame.of(2047, 1).scaledHeight()).isEqualTo(1);
        assertThatThrownBy(() -> SamFrame.of(2049, 1)).isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("2049x1 image is too thin");
    }
}
