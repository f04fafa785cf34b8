package dev.iopaint.core.batch;

import dev.iopaint.api.InpaintRequest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code iopaint run}: images and masks (each a file or a folder; masks are matched to images by file stem,
 * and a single mask file serves every image), the folder results go to, and the settings.
 *
 * @param concat write image, mask and result side by side instead of the result alone
 */
public record BatchJob(Path images, Path masks, Path output, InpaintRequest request, boolean concat) {
    public BatchJob {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(request, "request");
    }
}
