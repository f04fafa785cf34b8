package dev.iopaint.bench;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;

import java.util.Arrays;

/**
 * One request's inputs at one size, made once: the photo as a JPEG file, the mask as the RGBA PNG a browser canvas
 * gives ({@code toBlob}: white holes on black, opaque), and the web client's JSON body carrying both.
 *
 * @param size    as given, e.g. {@code 1920x1080}
 * @param jpeg    the uploaded photo
 * @param maskPng the uploaded mask
 * @param body    the JSON body of {@code POST /api/v1/inpaint}
 */
record Workload(String size, byte[] jpeg, byte[] maskPng, byte[] body) {
    /** A camera's or editor's usual export quality. */
    private static final int UPLOAD_QUALITY = 95;

    static Workload of(String size, double maskShare, ImageCodec codec) {
        int width = Images.width(size);
        int height = Images.height(size);
        byte[] jpeg = codec.encode(Images.photoLike(width, height), null, ImageFormat.JPEG, UPLOAD_QUALITY,
                ImageMetadata.NONE);
        byte[] maskPng = canvasPng(MaskBlobs.covering(width, height, maskShare), codec);
        return new Workload(size, jpeg, maskPng, WebClientBody.of(jpeg, ImageFormat.JPEG.mimeType(), maskPng));
    }

    private static byte[] canvasPng(Mask mask, ImageCodec codec) {
        byte[] values = mask.values();
        byte[] rgb = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            rgb[3 * i] = values[i];
            rgb[3 * i + 1] = values[i];
            rgb[3 * i + 2] = values[i];
        }
        byte[] opaque = new byte[values.length];
        Arrays.fill(opaque, (byte) 255);
        return codec.encode(new RgbImage(mask.width(), mask.height(), rgb), opaque, ImageFormat.PNG, 100,
                ImageMetadata.NONE);
    }
}
