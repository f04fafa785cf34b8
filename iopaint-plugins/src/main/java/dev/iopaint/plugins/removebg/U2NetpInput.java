package dev.iopaint.plugins.removebg;

import dev.iopaint.api.RgbImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** U^2-Netp's input as rembg's {@code BaseSession.normalize} makes it: [1,3,320,320] float32, NCHW. */
final class U2NetpInput {
    static final int SIDE = 320;

    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private U2NetpInput() {
    }

    /**
     * The image resized to 320x320 with PIL's LANCZOS, divided by its own brightest value (not by 255), then
     * standardised per slot with ImageNet's mean and std, in double as numpy does and stored as float32. Slot 0
     * gets blue and slot 2 red: IOPaint passes rembg a BGR array that rembg reads as RGB. A direct buffer, so ONNX
     * Runtime takes it without copying.
     */
    static FloatBuffer of(RgbImage image) {
        byte[] small = PilLanczos.resize(image.pixels(), image.width(), image.height(), 3, SIDE, SIDE);
        int brightest = 0;
        for (byte value : small) {
            brightest = Math.max(brightest, value & 0xFF);
        }
        // rembg divides by max(max, 1e-6): an all-black image stays all zeros.
        double scale = Math.max(brightest, 1e-6);
        int plane = SIDE * SIDE;
        FloatBuffer input = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int slot = 0; slot < 3; slot++) {
            int channel = 2 - slot; // B, G, R into the R, G, B slots
            for (int pixel = 0; pixel < plane; pixel++) {
                double value = (small[pixel * 3 + channel] & 0xFF) / scale;
                input.put(slot * plane + pixel, (float) ((value - MEAN[slot]) / STD[slot]));
            }
        }
        return input;
    }
}
