package dev.iopaint.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InpaintModelForwardEachTest {
    /** Returns a blank image as wide as the mask's first value, and records the widths it was given. */
    private static final class Recording implements InpaintModel {
        final List<Integer> widths = new ArrayList<>();

        @Override
        public ModelInfo info() {
            return ModelInfo.erase("recording");
        }

        @Override
        public PadRules padRules() {
            return PadRules.NONE;
        }

        @Override
        public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
            widths.add(image.width());
            return RgbImage.blank(mask.values()[0], 1);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void runs_forward_on_each_image_with_its_mask_in_order() {
        Recording model = new Recording();
        List<RgbImage> images = List.of(RgbImage.blank(3, 1), RgbImage.blank(5, 1), RgbImage.blank(4, 1));
        List<Mask> masks = List.of(new Mask(3, 1, new byte[] {7, 0, 0}), new Mask(5, 1, new byte[] {9, 0, 0, 0, 0}),
                new Mask(4, 1, new byte[] {2, 0, 0, 0}));

        List<RgbImage> results = model.forwardEach(images, masks, InpaintRequest.defaults());

        assertThat(model.widths).containsExactly(3, 5, 4);
        assertThat(results).extracting(RgbImage::width).containsExactly(7, 9, 2);
    }

    @Test
    void refuses_a_different_number_of_images_and_masks() {
        Recording model = new Recording();

        assertThatThrownBy(() -> model.forwardEach(List.of(RgbImage.blank(1, 1)), List.of(),
                InpaintRequest.defaults()))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("1 images but 0 masks");
        assertThat(model.widths).isEmpty();
    }
}
