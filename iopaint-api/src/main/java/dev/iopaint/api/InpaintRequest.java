package dev.iopaint.api;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The settings of one inpaint call: every field of IOPaint's {@code InpaintRequest} with IOPaint's defaults
 * (JSON names are the snake_case forms of these names). The image and mask travel separately.
 *
 * <p>The compact constructor applies IOPaint's rules: a seed of -1 becomes a random seed in 1..99999999;
 * the extender forces strength 1 and turns the ControlNet scale to 0; BrushNet turns ControlNet and LCM-LoRA off;
 * ControlNet turns BrushNet off. Values out of range are refused with a message naming the field.
 * Build one with {@link #builder()}; {@link #defaults()} is IOPaint's request with nothing set.
 */
public record InpaintRequest(
        int ldmSteps,
        LdmSampler ldmSampler,
        boolean zitsWireframe,
        HdStrategy hdStrategy,
        int hdStrategyCropTriggerSize,
        int hdStrategyCropMargin,
        int hdStrategyResizeLimit,
        String prompt,
        String negativePrompt,
        boolean useCroper,
        int croperX,
        int croperY,
        int croperHeight,
        int croperWidth,
        boolean useExtender,
        int extenderX,
        int extenderY,
        int extenderHeight,
        int extenderWidth,
        double sdScale,
        int sdMaskBlur,
        double sdStrength,
        int sdSteps,
        double sdGuidanceScale,
        SdSampler sdSampler,
        long sdSeed,
        boolean sdMatchHistograms,
        double sdOutpaintingSoftness,
        double sdOutpaintingSpace,
        boolean sdLcmLora,
        boolean sdKeepUnmaskedArea,
        Cv2Flag cv2Flag,
        int cv2Radius,
        String paintByExampleExampleImage,
        double p2pImageGuidanceScale,
        boolean enableControlnet,
        double controlnetConditioningScale,
        String controlnetMethod,
        boolean enableBrushnet,
        String brushnetMethod,
        double brushnetConditioningScale,
        boolean enablePowerpaintV2,
        PowerPaintTask powerpaintTask,
        double fittingDegree) {

    /** The largest seed IOPaint draws for {@code sd_seed = -1}. */
    public static final long MAX_RANDOM_SEED = 99_999_999L;

    public InpaintRequest {
        Objects.requireNonNull(ldmSampler, "ldm_sampler");
        Objects.requireNonNull(hdStrategy, "hd_strategy");
        Objects.requireNonNull(sdSampler, "sd_sampler");
        Objects.requireNonNull(cv2Flag, "cv2_flag");
        Objects.requireNonNull(powerpaintTask, "powerpaint_task");
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        controlnetMethod = controlnetMethod == null ? "" : controlnetMethod;
        brushnetMethod = brushnetMethod == null ? "" : brushnetMethod;

        atLeast("ldm_steps", ldmSteps, 1);
        atLeast("hd_strategy_crop_trigger_size", hdStrategyCropTriggerSize, 1);
        atLeast("hd_strategy_crop_margin", hdStrategyCropMargin, 0);
        atLeast("hd_strategy_resize_limit", hdStrategyResizeLimit, 1);
        atLeast("croper_width", croperWidth, 1);
        atLeast("croper_height", croperHeight, 1);
        atLeast("extender_width", extenderWidth, 1);
        atLeast("extender_height", extenderHeight, 1);
        atLeast("sd_mask_blur", sdMaskBlur, 0);
        atLeast("sd_steps", sdSteps, 1);
        atLeast("cv2_radius", cv2Radius, 0);
        if (!(sdScale > 0 && sdScale <= 1)) {
            throw invalid("sd_scale", sdScale, "above 0 and at most 1");
        }
        if (!(sdStrength >= 0 && sdStrength <= 1)) {
            throw invalid("sd_strength", sdStrength, "between 0 and 1");
        }
        if (!(controlnetConditioningScale >= 0 && controlnetConditioningScale <= 1)) {
            throw invalid("controlnet_conditioning_scale", controlnetConditioningScale, "between 0 and 1");
        }
        if (!(fittingDegree > 0 && fittingDegree <= 1)) {
            throw invalid("fitting_degree", fittingDegree, "above 0 and at most 1");
        }
        if (sdSeed == -1) {
            sdSeed = ThreadLocalRandom.current().nextLong(1, MAX_RANDOM_SEED + 1);
        } else if (sdSeed < 0) {
            throw invalid("sd_seed", sdSeed, "-1 (random) or at least 0");
        }

        if (useExtender) {
            if (enableControlnet) {
                controlnetConditioningScale = 0;
            }
            sdStrength = 1.0;
        }
        if (enableBrushnet) {
            enableControlnet = false;
            sdLcmLora = false;
        }
        if (enableControlnet) {
            enableBrushnet = false;
        }
    }

    /** IOPaint's request with every field at its default. */
    public static InpaintRequest defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this request's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw invalid(field, value, "at least " + min);
        }
    }

    private static UnsupportedInputException invalid(String field, Object value, String expected) {
        return new UnsupportedInputException(field + " must be " + expected + ", got " + value);
    }

    /** Builds a request from IOPaint's defaults; set only what differs. */
    public static final class Builder {
        private int ldmSteps = 20;
        private LdmSampler ldmSampler = LdmSampler.PLMS;
        private boolean zitsWireframe = true;
        private HdStrategy hdStrategy = HdStrategy.CROP;
        private int hdStrategyCropTriggerSize = 800;
        private int hdStrategyCropMargin = 128;
        private int hdStrategyResizeLimit = 1280;
        private String prompt = "";
        private String negativePrompt = "";
        private boolean useCroper = false;
        private int croperX = 0;
        private int croperY = 0;
        private int croperHeight = 512;
        private int croperWidth = 512;
        private boolean useExtender = false;
        private int extenderX = 0;
        private int extenderY = 0;
        private int extenderHeight = 640;
        private int extenderWidth = 640;
        private double sdScale = 1.0;
        private int sdMaskBlur = 11;
        private double sdStrength = 1.0;
        private int sdSteps = 50;
        private double sdGuidanceScale = 7.5;
        private SdSampler sdSampler = SdSampler.UNI_PC;
        private long sdSeed = 42;
        private boolean sdMatchHistograms = false;
        private double sdOutpaintingSoftness = 20.0;
        private double sdOutpaintingSpace = 20.0;
        private boolean sdLcmLora = false;
        private boolean sdKeepUnmaskedArea = true;
        private Cv2Flag cv2Flag = Cv2Flag.INPAINT_NS;
        private int cv2Radius = 4;
        private String paintByExampleExampleImage = null;
        private double p2pImageGuidanceScale = 1.5;
        private boolean enableControlnet = false;
        private double controlnetConditioningScale = 0.4;
        private String controlnetMethod = "lllyasviel/control_v11p_sd15_canny";
        private boolean enableBrushnet = false;
        private String brushnetMethod = "Sanster/brushnet_random_mask";
        private double brushnetConditioningScale = 1.0;
        private boolean enablePowerpaintV2 = false;
        private PowerPaintTask powerpaintTask = PowerPaintTask.TEXT_GUIDED;
        private double fittingDegree = 1.0;

        private Builder() {
        }

        private Builder(InpaintRequest request) {
            ldmSteps = request.ldmSteps();
            ldmSampler = request.ldmSampler();
            zitsWireframe = request.zitsWireframe();
            hdStrategy = request.hdStrategy();
            hdStrategyCropTriggerSize = request.hdStrategyCropTriggerSize();
            hdStrategyCropMargin = request.hdStrategyCropMargin();
            hdStrategyResizeLimit = request.hdStrategyResizeLimit();
            prompt = request.prompt();
            negativePrompt = request.negativePrompt();
            useCroper = request.useCroper();
            croperX = request.croperX();
            croperY = request.croperY();
            croperHeight = request.croperHeight();
            croperWidth = request.croperWidth();
            useExtender = request.useExtender();
            extenderX = request.extenderX();
            extenderY = request.extenderY();
            extenderHeight = request.extenderHeight();
            extenderWidth = request.extenderWidth();
            sdScale = request.sdScale();
            sdMaskBlur = request.sdMaskBlur();
            sdStrength = request.sdStrength();
            sdSteps = request.sdSteps();
            sdGuidanceScale = request.sdGuidanceScale();
            sdSampler = request.sdSampler();
            sdSeed = request.sdSeed();
            sdMatchHistograms = request.sdMatchHistograms();
            sdOutpaintingSoftness = request.sdOutpaintingSoftness();
            sdOutpaintingSpace = request.sdOutpaintingSpace();
            sdLcmLora = request.sdLcmLora();
            sdKeepUnmaskedArea = request.sdKeepUnmaskedArea();
            cv2Flag = request.cv2Flag();
            cv2Radius = request.cv2Radius();
            paintByExampleExampleImage = request.paintByExampleExampleImage();
            p2pImageGuidanceScale = request.p2pImageGuidanceScale();
            enableControlnet = request.enableControlnet();
            controlnetConditioningScale = request.controlnetConditioningScale();
            controlnetMethod = request.controlnetMethod();
            enableBrushnet = request.enableBrushnet();
            brushnetMethod = request.brushnetMethod();
            brushnetConditioningScale = request.brushnetConditioningScale();
            enablePowerpaintV2 = request.enablePowerpaintV2();
            powerpaintTask = request.powerpaintTask();
            fittingDegree = request.fittingDegree();
        }

        public Builder ldmSteps(int value) {
            this.ldmSteps = value;
            return this;
        }

        public Builder ldmSampler(LdmSampler value) {
            this.ldmSampler = value;
            return this;
        }

        public Builder zitsWireframe(boolean value) {
            this.zitsWireframe = value;
            return this;
        }

        public Builder hdStrategy(HdStrategy value) {
            this.hdStrategy = value;
            return this;
        }

        public Builder hdStrategyCropTriggerSize(int value) {
            this.hdStrategyCropTriggerSize = value;
            return this;
        }

        public Builder hdStrategyCropMargin(int value) {
            this.hdStrategyCropMargin = value;
            return this;
        }

        public Builder hdStrategyResizeLimit(int value) {
            this.hdStrategyResizeLimit = value;
            return this;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public Builder negativePrompt(String value) {
            this.negativePrompt = value;
            return this;
        }

        public Builder useCroper(boolean value) {
            this.useCroper = value;
            return this;
        }

        public Builder croperX(int value) {
            this.croperX = value;
            return this;
        }

        public Builder croperY(int value) {
            this.croperY = value;
            return this;
        }

        public Builder croperHeight(int value) {
            this.croperHeight = value;
            return this;
        }

        public Builder croperWidth(int value) {
            this.croperWidth = value;
            return this;
        }

        public Builder useExtender(boolean value) {
            this.useExtender = value;
            return this;
        }

        public Builder extenderX(int value) {
            this.extenderX = value;
            return this;
        }

        public Builder extenderY(int value) {
            this.extenderY = value;
            return this;
        }

        public Builder extenderHeight(int value) {
            this.extenderHeight = value;
            return this;
        }

        public Builder extenderWidth(int value) {
            this.extenderWidth = value;
            return this;
        }

        public Builder sdScale(double value) {
            this.sdScale = value;
            return this;
        }

        public Builder sdMaskBlur(int value) {
            this.sdMaskBlur = value;
            return this;
        }

        public Builder sdStrength(double value) {
            this.sdStrength = value;
            return this;
        }

        public Builder sdSteps(int value) {
            this.sdSteps = value;
            return this;
        }

        public Builder sdGuidanceScale(double value) {
            this.sdGuidanceScale = value;
            return this;
        }

        public Builder sdSampler(SdSampler value) {
            this.sdSampler = value;
            return this;
        }

        public Builder sdSeed(long value) {
            this.sdSeed = value;
            return this;
        }

        public Builder sdMatchHistograms(boolean value) {
            this.sdMatchHistograms = value;
            return this;
        }

        public Builder sdOutpaintingSoftness(double value) {
            this.sdOutpaintingSoftness = value;
            return this;
        }

        public Builder sdOutpaintingSpace(double value) {
            this.sdOutpaintingSpace = value;
            return this;
        }

        public Builder sdLcmLora(boolean value) {
            this.sdLcmLora = value;
            return this;
        }

        public Builder sdKeepUnmaskedArea(boolean value) {
            this.sdKeepUnmaskedArea = value;
            return this;
        }

        public Builder cv2Flag(Cv2Flag value) {
            this.cv2Flag = value;
            return this;
        }

        public Builder cv2Radius(int value) {
            this.cv2Radius = value;
            return this;
        }

        public Builder paintByExampleExampleImage(String value) {
            this.paintByExampleExampleImage = value;
            return this;
        }

        public Builder p2pImageGuidanceScale(double value) {
            this.p2pImageGuidanceScale = value;
            return this;
        }

        public Builder enableControlnet(boolean value) {
            this.enableControlnet = value;
            return this;
        }

        public Builder controlnetConditioningScale(double value) {
            this.controlnetConditioningScale = value;
            return this;
        }

        public Builder controlnetMethod(String value) {
            this.controlnetMethod = value;
            return this;
        }

        public Builder enableBrushnet(boolean value) {
            this.enableBrushnet = value;
            return this;
        }

        public Builder brushnetMethod(String value) {
            this.brushnetMethod = value;
            return this;
        }

        public Builder brushnetConditioningScale(double value) {
            this.brushnetConditioningScale = value;
            return this;
        }

        public Builder enablePowerpaintV2(boolean value) {
            this.enablePowerpaintV2 = value;
            return this;
        }

        public Builder powerpaintTask(PowerPaintTask value) {
            this.powerpaintTask = value;
            return this;
        }

        public Builder fittingDegree(double value) {
            this.fittingDegree = value;
            return this;
        }

        public InpaintRequest build() {
            return new InpaintRequest(
                    ldmSteps,
                    ldmSampler,
                    zitsWireframe,
                    hdStrategy,
                    hdStrategyCropTriggerSize,
                    hdStrategyCropMargin,
                    hdStrategyResizeLimit,
                    prompt,
                    negativePrompt,
                    useCroper,
                    croperX,
                    croperY,
                    croperHeight,
                    croperWidth,
                    useExtender,
                    extenderX,
                    extenderY,
                    extenderHeight,
                    extenderWidth,
                    sdScale,
                    sdMaskBlur,
                    sdStrength,
                    sdSteps,
                    sdGuidanceScale,
                    sdSampler,
                    sdSeed,
                    sdMatchHistograms,
                    sdOutpaintingSoftness,
                    sdOutpaintingSpace,
                    sdLcmLora,
                    sdKeepUnmaskedArea,
                    cv2Flag,
                    cv2Radius,
                    paintByExampleExampleImage,
                    p2pImageGuidanceScale,
                    enableControlnet,
                    controlnetConditioningScale,
                    controlnetMethod,
                    enableBrushnet,
                    brushnetMethod,
                    brushnetConditioningScale,
                    enablePowerpaintV2,
                    powerpaintTask,
                    fittingDegree);
        }
    }
}
