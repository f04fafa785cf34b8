package dev.iopaint.openai;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An image size an edit model accepts, and how it is chosen for an image: DALL-E 2 takes 256, 512 or 1024
 * squares (the smallest that holds the image, else 1024); GPT image models, and any other model a compatible
 * server offers, take 1024x1024, 1536x1024 or 1024x1536 (the one of closest aspect ratio).
 */
public record EditSize(int width, int height) {
    private static final List<EditSize> DALL_E_2 = List.of(
            new EditSize(256, 256), new EditSize(512, 512), new EditSize(1024, 1024));
    private static final List<EditSize> GPT_IMAGE = List.of(
            new EditSize(1024, 1024), new EditSize(1536, 1024), new EditSize(1024, 1536));

    public EditSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("An edit size must be positive, got " + width + "x" + height);
        }
    }

    /** The size to send an image of {@code imageWidth x imageHeight} to {@code model} at. */
    public static EditSize choose(String model, int imageWidth, int imageHeight) {
        if (model.toLowerCase(Locale.ROOT).startsWith("dall-e-2")) {
            int longer = Math.max(imageWidth, imageHeight);
            return DALL_E_2.stream().filter(size -> size.width >= longer).findFirst()
                    .orElse(DALL_E_2.get(DALL_E_2.size() - 1));
        }
        double aspect = Math.log(imageWidth / (double) imageHeight);
        return GPT_IMAGE.stream()
                .min(Comparator.comparingDouble(size -> Math.abs(Math.log(size.width / (double) size.height) - aspect)))
                .orElseThrow();
    }

    /** The API's spelling, e.g. {@code 1536x1024}. */
    public String text() {
        return width + "x" + height;
    }
}
