package dev.iopaint.api;

/** How erase models treat large images (IOPaint's {@code hd_strategy}). */
public enum HdStrategy implements WireNamed {
    /** Run the model on the whole image. */
    ORIGINAL("Original"),
    /** Shrink the image so its longer side fits the resize limit, then scale the result back. */
    RESIZE("Resize"),
    /** Run the model on a margin-padded box around each masked region. */
    CROP("Crop");

    private final String wireName;

    HdStrategy(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static HdStrategy fromWireName(String wireName) {
        return WireNamed.parse(HdStrategy.class, wireName);
    }
}
