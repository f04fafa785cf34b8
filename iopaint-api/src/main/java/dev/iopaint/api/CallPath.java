package dev.iopaint.api;

/**
 * Which of core's call paths runs around a model's forward pass. A model states it as data; core runs the path,
 * so no model re-implements the pipeline.
 */
public enum CallPath {
    /** IOPaint's {@code InpaintModel.__call__}: the request's HD strategy (Crop, Resize or Original). */
    HD_STRATEGY,
    /**
     * IOPaint's MI-GAN {@code __call__}, which ignores the HD strategy: an image of exactly the model's size
     * ({@link PadRules#minSize()} square) is inpainted whole; otherwise each masked region is cropped with a
     * 128-pixel margin, shrunk to fit the model's size, inpainted, scaled back and pasted into the original.
     */
    EACH_BOX_AT_MODEL_SIZE
}
