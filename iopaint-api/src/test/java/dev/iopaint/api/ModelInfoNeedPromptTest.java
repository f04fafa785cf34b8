package dev.iopaint.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelInfoNeedPromptTest {
    @Test
    void an_openai_compatible_model_needs_a_prompt() {
        assertThat(new ModelInfo("openai-compat", "openai-compat", ModelType.OPENAI_COMPAT, false).needPrompt())
                .isTrue();
    }

    @Test
    void stable_diffusion_needs_a_prompt_and_an_erase_model_does_not() {
        assertThat(new ModelInfo("sd", "sd", ModelType.DIFFUSERS_SD_INPAINT, false).needPrompt()).isTrue();
        assertThat(ModelInfo.erase("lama").needPrompt()).isFalse();
    }
}
