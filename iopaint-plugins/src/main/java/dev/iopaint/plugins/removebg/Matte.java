package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;

/** U^2-Netp's saliency map made into the image's matte, as rembg's {@code U2netpSession.predict} does. */
final class Matte {
    private Matte() {
    }

    /**
     * Stretches the map to 0..1 (min-max over the whole map, in float32), scales by 255 and truncates like numpy's
     * {@code astype(uint8)}, then resizes to the image's size with PIL's LANCZOS. A flat map, where rembg would
     * divide 0 by 0, gives an empty matte.
     *
     * @param map the network's first output, channel 0, {@code mapWidth * mapHeight} values row-major
     */
    static Mask of(float[] map, int mapWidth, int mapHeight, int width, int height) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : map) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max - min;
        byte[] values = new byte[mapWidth * mapHeight];
        if (range > 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (byte) (int) ((map[i] - min) / range * 255f);
            }
        }
        return new Mask(width, height, PilLanczos.resize(values, mapWidth, mapHeight, 1, width, height));
    }
}
