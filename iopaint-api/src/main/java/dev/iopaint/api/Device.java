package dev.iopaint.api;

/** Where a model runs. */
public enum Device implements WireNamed {
    CPU("cpu"),
    CUDA("cuda"),
    MPS("mps");

    private final String wireName;

    Device(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Device fromWireName(String wireName) {
        return WireNamed.parse(Device.class, wireName);
    }
}
