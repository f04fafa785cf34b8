package dev.iopaint.openai;

import java.util.List;
import java.util.Objects;

/**
 * What a paid upstream call is about to do, as a budget guard needs it to price and fingerprint the call.
 *
 * @param operation e.g. {@code edit}
 * @param model     the upstream model, e.g. {@code gpt-image-1}
 * @param size      the requested size, e.g. {@code 1024x1024}
 * @param prompt    the prompt sent
 * @param images    the files sent (image, mask), so identical requests can be recognised
 */
public record PaidCall(String operation, String model, String size, String prompt, List<byte[]> images) {
    public PaidCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(prompt, "prompt");
        images = List.copyOf(images);
    }
}
