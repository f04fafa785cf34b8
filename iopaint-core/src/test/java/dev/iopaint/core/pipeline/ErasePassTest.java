package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.Mats;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class ErasePassTest {
    private final InpaintRequest defaults = InpaintRequest.defaults();

    private static RgbImage noise(int width, int height, long seed) {
        byte[] pixels = new byte[width * height * 3];
        new Random(seed).nextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    /** IOPaint's float blend on Mats, cast to 8 bits: what every shortcut must equal. */
    private static RgbImage floatBlend(RgbImage result, RgbImage original, Mask mask) {
        try (MatScope scope = new MatScope()) {
            Mat blended = scope.add(ImageOps.keepUnmasked(scope.add(Mats.of(result)), scope.add(Mats.of(original)),
                    scope.add(Mats.of(mask))));
            return ImageOps.toImage(blended);
        }
    }

    @Test
    void a_binary_mask_blends_to_the_same_bytes_as_the_float_blend() {
        RgbImage original = noise(23, 17, 1);
        RgbImage result = noise(23, 17, 2);
        Mask mask = Images.rectangles(23, 17, new int[] {0, 0, 5, 3}, new int[] {10, 4, 23, 9},
                new int[] {22, 16, 23, 17});

        assertThat(ErasePass.keepUnmasked(result, original, mask)).isEqualTo(floatBlend(result, original, mask));
    }

    @Test
    void a_grey_mask_takes_the_float_blend() {
        RgbImage original = noise(9, 4, 3);
        RgbImage result = noise(9, 4, 4);
        byte[] values = new byte[36];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 7);
        }
        Mask grey = new Mask(9, 4, values);

        assertThat(ErasePass.keepUnmasked(result, original, grey)).isEqualTo(floatBlend(result, original, grey));
    }

    @Test
    void returns_the_result_itself_when_it_kept_every_unmasked_pixel() {
        RgbImage original = noise(8, 8, 5);
        Mask mask = Images.rectangles(8, 8, new int[] {2, 2, 5, 6});
        RgbImage result = FakeModel.fill(original, mask, 9);

        assertThat(ErasePass.keepUnmasked(result, original, mask)).isSameAs(result);
    }

    @Test
    void restores_unmasked_pixels_the_model_changed() {
        RgbImage original = noise(8, 8, 6);
        Mask mask = Images.rectangles(8, 8, new int[] {2, 2, 5, 6});
        RgbImage everywhere = FakeModel.fill(original, Images.rectangles(8, 8, new int[] {0, 0, 8, 8}), 9);

        RgbImage kept = ErasePass.keepUnmasked(everywhere, original, mask);

        assertThat(kept.rgb(0, 0)).isEqualTo(original.rgb(0, 0));
        assertThat(kept.rgb(7, 7)).isEqualTo(original.rgb(7, 7));
        assertThat(kept.rgb(3, 3)).containsExactly(9, 9, 9);
    }

    @Test
    void pads_for_the_model_and_crops_its_output_back() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), 200);
        RgbImage image = noise(10, 5, 7);
        Mask mask = Images.rectangles(10, 5, new int[] {9, 4, 10, 5});

        RgbImage result = ErasePass.run(model, image, mask, defaults);

        assertThat(model.sizes()).containsExactly("16x8");
        assertThat(result.width()).isEqualTo(10);
        assertThat(result.rgb(9, 4)).containsExactly(200, 200, 200);
        assertThat(result.rgb(0, 0)).isEqualTo(image.rgb(0, 0));
    }

    @Test
    void hands_the_model_the_caller_s_arrays_when_no_padding_is_needed() {
        FakeModel model = FakeModel.filling(PadRules.NONE, 200);
        RgbImage image = noise(10, 5, 8);
        Mask mask = Images.rectangles(10, 5, new int[] {1, 1, 3, 3});

        ErasePass.run(model, image, mask, defaults);

        assertThat(model.images.get(0)).isSameAs(image);
        assertThat(model.masks.get(0)).isSameAs(mask);
    }

    @Test
    void returns_the_model_output_whole_when_the_unmasked_area_is_not_kept() {
        FakeModel model = new FakeModel(ModelType.INPAINT, PadRules.NONE,
                (image, mask, call) -> FakeModel.fill(image, Images.rectangles(4, 4, new int[] {0, 0, 4, 4}), 1));
        RgbImage image = noise(4, 4, 9);

        RgbImage result = ErasePass.run(model, image, Images.rectangles(4, 4, new int[] {0, 0, 1, 1}),
                defaults.toBuilder().sdKeepUnmaskedArea(false).build());

        assertThat(result.pixels()).containsOnly(1);
    }
}
