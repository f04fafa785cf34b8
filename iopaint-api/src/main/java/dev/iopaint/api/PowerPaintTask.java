package dev.iopaint.api;

/** What PowerPaint is asked to do ({@code powerpaint_task}). */
public enum PowerPaintTask implements WireNamed {
    TEXT_GUIDED("text-guided"),
    SHAPE_GUIDED("shape-guided"),
    OBJECT_REMOVE("object-remove"),
    CONTEXT_AWARE("context-aware"),
    OUTPAINTING("outpainting");

    private final String wireName;

    PowerPaintTask(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
