package dev.iopaint.api;

/** IOPaint's 19 diffusion samplers ({@code sd_sampler}), in IOPaint's order and spelling. */
public enum SdSampler implements WireNamed {
    DPM_PLUS_PLUS_2M("DPM++ 2M"),
    DPM_PLUS_PLUS_2M_KARRAS("DPM++ 2M Karras"),
    DPM_PLUS_PLUS_2M_SDE("DPM++ 2M SDE"),
    DPM_PLUS_PLUS_2M_SDE_KARRAS("DPM++ 2M SDE Karras"),
    DPM_PLUS_PLUS_SDE("DPM++ SDE"),
    DPM_PLUS_PLUS_SDE_KARRAS("DPM++ SDE Karras"),
    DPM2("DPM2"),
    DPM2_KARRAS("DPM2 Karras"),
    DPM2_A("DPM2 a"),
    DPM2_A_KARRAS("DPM2 a Karras"),
    EULER("Euler"),
    EULER_A("Euler a"),
    HEUN("Heun"),
    LMS("LMS"),
    LMS_KARRAS("LMS Karras"),
    DDIM("DDIM"),
    PNDM("PNDM"),
    UNI_PC("UniPC"),
    LCM("LCM");

    private final String wireName;

    SdSampler(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
