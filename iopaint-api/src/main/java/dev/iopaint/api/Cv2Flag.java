package dev.iopaint.api;

/** The algorithm of OpenCV's inpainting ({@code cv2_flag}). */
public enum Cv2Flag implements WireNamed {
    INPAINT_NS("INPAINT_NS"),
    INPAINT_TELEA("INPAINT_TELEA");

    private final String wireName;

    Cv2Flag(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
