package dev.iopaint.openai;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code openai-compat} model: no local files, so the scan always lists it; loading only reads its settings
 * (the API key must be set) and makes no network call.
 */
@AutoService(ModelProvider.class)
public final class OpenAiCompatProvider implements ModelProvider {
    public static final String NAME = "openai-compat";

    private static final ModelSpec SPEC = new ModelSpec(NAME, ModelType.OPENAI_COMPAT, List.of(), PadRules.NONE,
            Set.of(Device.CPU));
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatProvider.class);

    private final CallGate gate;

    /** A provider whose calls go through no budget guard, as {@link java.util.ServiceLoader} makes it. */
    public OpenAiCompatProvider() {
        this(CallGate.NONE);
    }

    /** A provider whose models ask {@code gate} before each paid call. */
    public OpenAiCompatProvider(CallGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public List<ModelSpec> specs() {
        return List.of(SPEC);
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        OpenAiSettings settings = OpenAiSettings.from(options);
        LOG.info("Loaded {} with {}", NAME, settings);
        if (gate != CallGate.NONE) {
            return new OpenAiCompatModel(model, settings, new ImageEditClient(settings), gate);
        }
        // Found by the service loader: the budget in the settings' data folder guards every paid call.
        BudgetCallGate budget = BudgetCallGate.open(options.settings());
        return new OpenAiCompatModel(model, settings, new ImageEditClient(settings), budget, budget);
    }
}
