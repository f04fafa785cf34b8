package dev.iopaint.api;

/** The sampler of the LDM erase model ({@code ldm_sampler}). */
public enum LdmSampler implements WireNamed {
    DDIM("ddim"),
    PLMS("plms");

    private final String wireName;

    LdmSampler(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
