package dev.iopaint.server.http;

import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.openai.budget.BudgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetSessionTest {
    static final AtomicReference<String> seen = new AtomicReference<>();
    @TempDir
    static Path models;
    static TestServer server;

    /** A model that notes whose budget session its call runs in. */
    static final class SessionRecorder implements ModelProvider {
        @Override
        public List<ModelSpec> specs() {
            return List.of(ModelSpec.erase("recorder", List.of(), PadRules.NONE, Set.of(Device.CPU)));
        }

        @Override
        public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
            return new InpaintModel() {
                @Override
                public ModelInfo info() {
                    return model;
                }

                @Override
                public PadRules padRules() {
                    return PadRules.NONE;
                }

                @Override
                public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
                    seen.set(BudgetSession.current());
                    return image;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @BeforeAll
    static void start() {
        Iopaint iopaint = Iopaint.builder().modelDir(models).model("recorder")
                .registry(ModelRegistry.of(List.of(new SessionRecorder()))).build();
        server = TestServer.start(iopaint, TestServer.settings());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> body() {
        return TestImages.inpaintBody(TestImages.base64(TestImages.png(TestImages.gradient(8, 8))),
                TestImages.base64(TestImages.squareMask(8, 8, 2, 2, 3)));
    }

    private static void inpaint(String path, String sessionHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body())));
        if (sessionHeader != null) {
            request.header("X-Session-Id", sessionHeader);
        }
        assertThat(server.send(request.build()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_paid_call_counts_against_the_session_the_client_names_in_a_header_or_the_query() throws Exception {
        inpaint("/api/v1/inpaint", "alice");
        assertThat(seen.get()).isEqualTo("alice");

        inpaint("/api/v1/inpaint?session_id=bob", null);
        assertThat(seen.get()).isEqualTo("bob");
    }

    @Test
    void a_client_that_names_no_session_gets_one_from_its_address_and_user_agent() throws Exception {
        inpaint("/api/v1/inpaint", null);
        String first = seen.get();
        inpaint("/api/v1/inpaint", null);

        assertThat(first).matches("[0-9a-f]{16}");
        assertThat(seen.get()).isEqualTo(first);
    }
}
