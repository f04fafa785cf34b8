package dev.iopaint.server.http;

import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small images made in code, and the JSON bodies that carry them. */
final class TestImages {
    static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    private TestImages() {
    }

    /** A horizontal gradient, so inpainting has something to fill from. */
    static RgbImage gradient(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                pixels[i] = (byte) (x * 255 / Math.max(1, width - 1));
                pixels[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
                pixels[i + 2] = (byte) 90;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A mask image (white square in the middle, black elsewhere) as PNG bytes. */
    static byte[] squareMask(int width, int height, int x0, int y0, int side) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                int i = 3 * (y * width + x);
                pixels[i] = pixels[i + 1] = pixels[i + 2] = (byte) 255;
            }
        }
        return png(new RgbImage(width, height, pixels));
    }

    static byte[] png(RgbImage image) {
        return CODEC.encode(image, null, ImageFormat.PNG, 100, ImageMetadata.NONE);
    }

    static byte[] encode(RgbImage image, byte[] alpha, ImageFormat format, ImageMetadata metadata) {
        return CODEC.encode(image, alpha, format, 100, metadata);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String dataUrl(byte[] bytes, String mime) {
        return "data:" + mime + ";base64," + base64(bytes);
    }

    /** An inpaint body as IOPaint's web client sends it (abridged), misspelled keys included. */
    static Map<String, Object> inpaintBody(String image, String mask) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", image);
        body.put("mask", mask);
        body.put("ldm_steps", 30);
        body.put("ldm_sampler", "ddim");
        body.put("cv2_flag", "INPAINT_NS");
        body.put("cv2_radius", 5);
        body.put("hd_strategy", "Crop");
        body.put("hd_strategy_crop_triger_size", 640);
        body.put("hd_strategy_crop_margin", 128);
        body.put("hd_trategy_resize_imit", 2048);
        body.put("prompt", "");
        body.put("negative_prompt", "");
        body.put("sd_seed", 1234);
        body.put("sd_sampler", "DPM++ 2M");
        body.put("paint_by_example_example_image", null);
        body.put("controlnet_method", "");
        body.put("powerpaint_task", "text-guided");
        return body;
    }
}
