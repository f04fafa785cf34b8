package dev.iopaint.openai.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    private final CostEstimator estimator = new CostEstimator();

    @Test
    void gpt_image_1_scales_by_size_and_quality() {
        assertThat(estimator.estimate("gpt-image-1", "1024x1024", "standard")).isEqualByComparingTo("0.04");
        assertThat(estimator.estimate("gpt-image-1", "256x256", "standard")).isEqualByComparingTo("0.01");
        assertThat(estimator.estimate("gpt-image-1", "512x512", "low")).isEqualByComparingTo("0.01");
        assertThat(estimator.estimate("gpt-image-1", "1792x1024", "hd")).isEqualByComparingTo("0.16");
        assertThat(estimator.estimate("GPT-Image-1", "1024x1024", "HD")).isEqualByComparingTo("0.08");
    }

    @Test
    void dall_e_models_have_their_own_tables() {
        assertThat(estimator.estimate("dall-e-3", "1024x1792", "hd")).isEqualByComparingTo("0.16");
        assertThat(estimator.estimate("dall-e-3", "256x256", "standard")).isEqualByComparingTo("0.04");
        assertThat(estimator.estimate("dall-e-2", "256x256", "standard")).isEqualByComparingTo("0.016");
        assertThat(estimator.estimate("dall-e-2", "512x512", "hd")).isEqualByComparingTo("0.018");
    }

    @Test
    void unknown_model_uses_the_default_price_and_unknown_size_counts_once() {
        assertThat(estimator.estimate("my-local-model", "1024x1024", "standard")).isEqualByComparingTo("0.05");
        assertThat(estimator.estimate("my-local-model", "512x512", "hd")).isEqualByComparingTo("0.05");
        assertThat(estimator.estimate("gpt-image-1", "1536x1024", "standard")).isEqualByComparingTo("0.04");
        assertThat(estimator.estimate("gpt-4o-mini", "1024x1024", "hd")).isEqualByComparingTo("0.0001");
    }

    @Test
    void tiers_split_at_two_and_ten_cents() {
        assertThat(estimator.tier(estimator.estimate("dall-e-2", "1024x1024", "standard"))).isEqualTo("low");
        assertThat(estimator.tier(estimator.estimate("gpt-image-1", "1024x1024", "standard"))).isEqualTo("medium");
        assertThat(estimator.tier(estimator.estimate("gpt-image-1", "1792x1024", "hd"))).isEqualTo("high");
    }
}
