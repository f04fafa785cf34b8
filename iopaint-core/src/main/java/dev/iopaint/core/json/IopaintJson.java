package dev.iopaint.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iopaint.api.Cv2Flag;
import dev.iopaint.api.Device;
import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LdmSampler;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PowerPaintTask;
import dev.iopaint.api.SdSampler;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.WireNamed;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as IOPaint writes and reads it: snake_case names, enums in IOPaint's spelling, {@link ModelInfo} with its
 * computed fields, and {@link InpaintRequest}s where missing fields take IOPaint's defaults and unknown fields
 * (such as the web client's misspelled {@code hd_strategy_crop_triger_size}) are ignored.
 */
public final class IopaintJson {
    private static final ObjectMapper MAPPER = createMapper();

    private IopaintJson() {
    }

    /** A shared, thread-safe mapper configured as above. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads an inpaint request from JSON; fields not given keep IOPaint's defaults, and so do fields given as null.
     *
     * @throws UnsupportedInputException naming the field when a value has the wrong type or is out of range
     */
    public static InpaintRequest readRequest(JsonNode json) {
        if (json == null || json.isNull()) {
            return InpaintRequest.defaults();
        }
        if (!json.isObject()) {
            throw new UnsupportedInputException("An inpaint request must be a JSON object, got " + json.getNodeType());
        }
        ObjectNode merged = MAPPER.valueToTree(InpaintRequest.defaults());
        Iterator<Map.Entry<String, JsonNode>> fields = json.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (merged.has(field.getKey()) && !field.getValue().isNull()) {
                merged.set(field.getKey(), field.getValue());
            }
        }
        try {
            return MAPPER.treeToValue(merged, InpaintRequest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedInputException invalid) {
                throw invalid;
            }
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(0).getFieldName() : "A field";
            throw new UnsupportedInputException(field + " of the inpaint request has a value of the wrong type: "
                    + e.getOriginalMessage());
        }
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("iopaint");
        wireEnum(module, ModelType.class);
        wireEnum(module, HdStrategy.class);
        wireEnum(module, Device.class);
        wireEnum(module, Cv2Flag.class);
        wireEnum(module, LdmSampler.class);
        wireEnum(module, SdSampler.class);
        wireEnum(module, PowerPaintTask.class);
        module.addSerializer(ModelInfo.class, new ModelInfoSerializer());
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(module)
                .build();
    }

    private static <E extends Enum<E> & WireNamed> void wireEnum(SimpleModule module, Class<E> type) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.wireName());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public E deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return WireNamed.parse(type, parser.getValueAsString());
            }
        });
    }

    /** Writes a ModelInfo as IOPaint does: its fields and every computed capability. */
    private static final class ModelInfoSerializer extends JsonSerializer<ModelInfo> {
        @Override
        public void serialize(ModelInfo info, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("name", info.name());
            gen.writeStringField("path", info.path());
            gen.writeStringField("model_type", info.modelType().wireName());
            gen.writeBooleanField("is_single_file_diffusers", info.isSingleFileDiffusers());
            gen.writeBooleanField("need_prompt", info.needPrompt());
            gen.writeObjectField("controlnets", info.controlnets());
            gen.writeObjectField("brushnets", info.brushnets());
            gen.writeBooleanField("support_strength", info.supportStrength());
            gen.writeBooleanField("support_outpainting", info.supportOutpainting());
            gen.writeBooleanField("support_lcm_lora", info.supportLcmLora());
            gen.writeBooleanField("support_controlnet", info.supportControlnet());
            gen.writeBooleanField("support_brushnet", info.supportBrushnet());
            gen.writeBooleanField("support_powerpaint_v2", info.supportPowerpaintV2());
            gen.writeEndObject();
        }
    }
}
