package dev.iopaint.api;

/** IOPaint's model types, with the strings its HTTP API uses. */
public enum ModelType implements WireNamed {
    INPAINT("inpaint"),
    DIFFUSERS_SD("diffusers_sd"),
    DIFFUSERS_SD_INPAINT("diffusers_sd_inpaint"),
    DIFFUSERS_SDXL("diffusers_sdxl"),
    DIFFUSERS_SDXL_INPAINT("diffusers_sdxl_inpaint"),
    DIFFUSERS_OTHER("diffusers_other"),
    OPENAI_COMPAT("openai_compat");

    private final String wireName;

    ModelType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static ModelType fromWireName(String wireName) {
        return WireNamed.parse(ModelType.class, wireName);
    }

    /** Stable Diffusion 1.x/2.x or XL, plain or inpaint: the types that take a prompt, strength and LCM-LoRA. */
    public boolean isStableDiffusion() {
        return this == DIFFUSERS_SD || this == DIFFUSERS_SD_INPAINT
                || this == DIFFUSERS_SDXL || this == DIFFUSERS_SDXL_INPAINT;
    }

    /** Any diffusion pipeline; these take IOPaint's diffusion call path instead of the HD strategy. */
    public boolean isDiffusion() {
        return isStableDiffusion() || this == DIFFUSERS_OTHER;
    }

    public boolean isSdxl() {
        return this == DIFFUSERS_SDXL || this == DIFFUSERS_SDXL_INPAINT;
    }
}
