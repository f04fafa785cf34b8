package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses what one paid image call costs before it is made, with the fork's price table: a base price per model
 * scaled by the image size and the quality; a size or quality the table does not list counts as ×1.
 */
public final class CostEstimator {
    /** At or below this an estimate is "low". */
    public static final BigDecimal TIER_LOW = new BigDecimal("0.02");
    /** At or above this an estimate is "high". */
    public static final BigDecimal TIER_HIGH = new BigDecimal("0.10");

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private record Price(BigDecimal base, Map<String, BigDecimal> sizes, Map<String, BigDecimal> qualities) {
    }

    private static final Map<String, BigDecimal> WIDE_SIZES = Map.of("256x256", new BigDecimal("0.25"),
            "512x512", new BigDecimal("0.5"), "1024x1024", BigDecimal.ONE, "1792x1024", TWO,
            "1024x1792", TWO);
    private static final Map<String, BigDecimal> WIDE_QUALITIES = Map.of("standard", BigDecimal.ONE,
            "hd", TWO, "low", new BigDecimal("0.5"));

    private static final Map<String, Price> PRICES = Map.of(
            "gpt-image-1", new Price(new BigDecimal("0.04"), WIDE_SIZES, WIDE_QUALITIES),
            "dall-e-3", new Price(new BigDecimal("0.04"),
                    Map.of("1024x1024", BigDecimal.ONE, "1792x1024", TWO, "1024x1792", TWO),
                    Map.of("standard", BigDecimal.ONE, "hd", TWO)),
            "dall-e-2", new Price(new BigDecimal("0.02"),
                    Map.of("256x256", new BigDecimal("0.8"), "512x512", new BigDecimal("0.9"),
                            "1024x1024", BigDecimal.ONE),
                    Map.of("standard", BigDecimal.ONE)),
            "gpt-4o-mini", new Price(new BigDecimal("0.0001"), Map.of(), Map.of()),
            "gpt-4o", new Price(new BigDecimal("0.001"), Map.of(), Map.of()));

    /** Models the table does not know are priced high on purpose, so a cap is not overrun by a guess. */
    private static final Price DEFAULT = new Price(new BigDecimal("0.05"), WIDE_SIZES, WIDE_QUALITIES);

    /** The estimated USD cost of one image from {@code model} at {@code size} ("1024x1024") and {@code quality}. */
    public BigDecimal estimate(String model, String size, String quality) {
        Price price = PRICES.getOrDefault(model.toLowerCase(Locale.ROOT), DEFAULT);
        BigDecimal sizeFactor = price.sizes().getOrDefault(size, BigDecimal.ONE);
        BigDecimal qualityFactor = price.qualities().getOrDefault(quality.toLowerCase(Locale.ROOT), BigDecimal.ONE);
        return price.base().multiply(sizeFactor).multiply(qualityFactor).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** "low" (≤ $0.02), "high" (≥ $0.10) or "medium", as the fork labels estimates for the user. */
    public String tier(BigDecimal cost) {
        if (cost.compareTo(TIER_LOW) <= 0) {
            return "low";
        }
        return cost.compareTo(TIER_HIGH) >= 0 ? "high" : "medium";
    }
}
