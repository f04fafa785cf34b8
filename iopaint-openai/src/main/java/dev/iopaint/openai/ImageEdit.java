package dev.iopaint.openai;

import java.util.Objects;

/**
 * One {@code images/edits} request.
 *
 * @param imagePng the image, a PNG of {@code size}
 * @param maskPng  a PNG of {@code size} whose alpha is 0 where the image may change and 255 elsewhere
 * @param prompt   what to paint
 * @param size     the size of both PNGs, which is also the size asked for
 */
public record ImageEdit(byte[] imagePng, byte[] maskPng, String prompt, EditSize size) {
    public ImageEdit {
        Objects.requireNonNull(imagePng, "imagePng");
        Objects.requireNonNull(maskPng, "maskPng");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
    }

    @Override
    public String toString() {
        return "ImageEdit[" + size.text() + ", image " + imagePng.length + " bytes, mask " + maskPng.length
                + " bytes]";
    }
}
