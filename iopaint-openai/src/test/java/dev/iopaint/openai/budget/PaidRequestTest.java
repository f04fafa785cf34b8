package dev.iopaint.openai.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaidRequestTest {

    private static PaidRequest request(String session, String prompt, Map<String, String> params, byte[] image) {
        return new PaidRequest(session, "edit", "gpt-image-1", "1024x1024", "standard", prompt, params,
                List.of(image));
    }

    @Test
    void fingerprint_is_a_sha256_hex_digest() {
        assertThat(request("a", "cat", Map.of(), new byte[] {1}).fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void whitespace_parameter_order_and_session_do_not_change_the_fingerprint() {
        String one = request("a", "a  cat\n on a mat", Map.of("n", "1", "style", "photo"), new byte[] {1})
                .fingerprint();
        String two = request("b", " a cat on a mat ", Map.of("style", "photo", "n", "1"), new byte[] {1})
                .fingerprint();

        assertThat(one).isEqualTo(two);
    }

    @Test
    void prompt_parameters_and_images_each_change_the_fingerprint() {
        String base = request("a", "cat", Map.of("n", "1"), new byte[] {1}).fingerprint();

        assertThat(request("a", "Cat", Map.of("n", "1"), new byte[] {1}).fingerprint()).isNotEqualTo(base);
        assertThat(request("a", "cat", Map.of("n", "2"), new byte[] {1}).fingerprint()).isNotEqualTo(base);
        assertThat(request("a", "cat", Map.of("n", "1"), new byte[] {2}).fingerprint()).isNotEqualTo(base);
    }
}
