package dev.iopaint.server.web;

import dev.iopaint.core.Iopaint;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.server.IopaintServer;
import dev.iopaint.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static dev.iopaint.server.web.Pixels.Area.everywhere;
import static dev.iopaint.server.web.Pixels.Area.inside;
import static dev.iopaint.server.web.Pixels.Area.outside;
import static dev.iopaint.server.web.Pixels.maxDifference;
import static dev.iopaint.server.web.Pixels.meanDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in page in Debian's headless Chromium against the real server and the real cv2 model: open a photo,
 * paint, inpaint, compare, undo, switch models, and read the server's errors.
 */
class WebPageTest {
    private static final Path PHOTO = Path.of("../testdata/photos/home.jpg").toAbsolutePath().normalize();
    private static final Path SCREENSHOT = Path.of("target/web-page.png");
    private static final Path README_SCREENSHOT = Path.of("../docs/screenshot.png");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int STROKE_STEPS = 8;
    private static final int WIDTH = 512;
    private static final int HEIGHT = 384;
    /** The stroke the tests paint, in image pixels, with the page's default 40 px brush. */
    private static final Line STROKE = new Line(150, 190, 350, 190);
    private static final Rectangle UNDER_STROKE = new Rectangle(170, 182, 160, 16);
    /** The stroke's reach (its ends plus the 20 px brush radius) grown by 40 px, beyond which nothing may change. */
    private static final Rectangle NEAR_STROKE = new Rectangle(90, 130, 320, 120);

    @TempDir
    static Path browserProfile;
    private static ChromeDriver browser;

    @TempDir
    Path modelDir;
    private Iopaint iopaint;
    private IopaintServer server;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(browserProfile, 1280, 800);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startServer() {
        iopaint = Iopaint.builder()
                .modelDir(modelDir)
                .model("cv2")
                .offline(true)
                .registry(ModelRegistry.discover(getClass().getClassLoader()).with(new FakeModels()))
                .build();
        server = IopaintServer.start(iopaint, ServerSettings.defaults().withPort(0));
        openPage();
    }

    @AfterEach
    void stopServer() {
        server.close();
        iopaint.close();
    }

    @Test
    void inpaints_a_stroke_as_soon_as_it_ends_and_leaves_the_rest_of_the_photo_alone() throws IOException {
        openPhoto();
        BufferedImage original = canvasPixels();

        paint(STROKE);
        waitForResult();
        BufferedImage result = canvasPixels();

        assertThat(result.getWidth()).isEqualTo(WIDTH);
        assertThat(result.getHeight()).isEqualTo(HEIGHT);
        assertThat(meanDifference(original, result, inside(UNDER_STROKE))).isGreaterThan(10);
        // The answer is a JPEG again (quality 100): untouched pixels move by a level on average, by a few at edges.
        assertThat(meanDifference(original, result, outside(NEAR_STROKE))).isLessThan(1);
        assertThat(maxDifference(original, result, outside(NEAR_STROKE))).isLessThanOrEqualTo(24);
    }

    @Test
    void keys_undo_redo_show_the_original_and_size_the_brush() throws IOException {
        openPhoto();
        BufferedImage original = canvasPixels();
        paint(STROKE);
        waitForResult();
        BufferedImage result = canvasPixels();

        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        assertThat(maxDifference(original, canvasPixels(), everywhere())).isZero();
        assertThat(element("clear-button").isEnabled()).as("the stroke is back").isTrue();
        new Actions(browser).keyDown(Keys.SHIFT).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).keyUp(Keys.SHIFT).perform();
        assertThat(maxDifference(result, canvasPixels(), everywhere())).isZero();

        new Actions(browser).keyDown(Keys.TAB).perform();
        assertThat(maxDifference(original, canvasPixels(), everywhere())).isZero();
        new Actions(browser).keyUp(Keys.TAB).perform();
        assertThat(maxDifference(result, canvasPixels(), everywhere())).isZero();

        new Actions(browser).sendKeys("]]").perform();
        assertThat(element("brush-size").getDomProperty("value")).isEqualTo("60");
        new Actions(browser).sendKeys("[").perform();
        assertThat(element("brush-size-value").getText()).isEqualTo("50");
    }

    @Test
    void sends_the_photo_as_it_is_a_black_and_white_mask_at_its_natural_size_and_the_cv2_options() throws IOException {
        openPhoto();
        click("auto-inpaint");
        new Select(element("cv2-flag")).selectByValue("INPAINT_TELEA");
        element("cv2-radius").clear();
        element("cv2-radius").sendKeys("9");
        ((JavascriptExecutor) browser).executeScript("""
                window.sentRequests = [];
                const send = window.fetch.bind(window);
                window.fetch = (url, init) => {
                  if (String(url).endsWith('/inpaint')) window.sentRequests.push(JSON.parse(init.body));
                  return send(url, init);
                };""");

        paint(STROKE);
        click("inpaint-button");
        waitForResult();

        Map<?, ?> sent = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript("return window.sentRequests[0];");
        assertThat(sent.get("cv2_flag")).isEqualTo("INPAINT_TELEA");
        assertThat(sent.get("cv2_radius")).isEqualTo(9L);
        assertThat((String) sent.get("image")).startsWith("data:image/jpeg;base64,");
        assertThat(dataUrlBytes((String) sent.get("image"))).isEqualTo(Files.readAllBytes(PHOTO));
        assertThat((String) sent.get("mask")).startsWith("data:image/png;base64,");
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(dataUrlBytes((String) sent.get("mask"))));
        assertThat(mask.getWidth()).isEqualTo(WIDTH);
        assertThat(mask.getHeight()).isEqualTo(HEIGHT);
        BufferedImage white = Pixels.solid(WIDTH, HEIGHT, 0xFFFFFF);
        BufferedImage black = Pixels.solid(WIDTH, HEIGHT, 0x000000);
        assertThat(maxDifference(white, mask, inside(UNDER_STROKE))).isZero();
        assertThat(maxDifference(black, mask, outside(NEAR_STROKE))).isZero();
    }

    @Test
    void inpaints_on_the_button_paints_over_the_result_and_compares_with_the_original() throws IOException {
        openPhoto();
        BufferedImage original = canvasPixels();
        click("auto-inpaint");
        paint(STROKE);
        click("inpaint-button");
        waitForResult();
        BufferedImage first = canvasPixels();

        paint(new Line(250, 60, 250, 330));
        saveScreenshot();
        click("inpaint-button");
        waitForResult();
        BufferedImage second = canvasPixels();

        assertThat(meanDifference(first, second, inside(new Rectangle(242, 150, 16, 150)))).isGreaterThan(10);
        assertThat(meanDifference(first, second, inside(UNDER_STROKE).and(outside(new Rectangle(210, 0, 80, HEIGHT)))))
                .as("the first result stays where the second stroke did not go").isLessThan(1);
        assertThat(element("download-link").getDomAttribute("download")).isEqualTo("home_inpainted.jpg");

        new Actions(browser).clickAndHold(element("compare-button")).perform();
        assertThat(maxDifference(original, canvasPixels(), everywhere())).isZero();
        new Actions(browser).release().perform();
        assertThat(maxDifference(second, canvasPixels(), everywhere())).isZero();

        click("undo-button");
        assertThat(maxDifference(first, canvasPixels(), everywhere())).isZero();
        assertThat(element("clear-button").isEnabled()).as("the second stroke is back").isTrue();
        click("redo-button");
        assertThat(maxDifference(second, canvasPixels(), everywhere())).isZero();
    }

    @Test
    void settings_lists_the_models_by_type_and_reports_a_model_that_fails_to_load() {
        click("settings-button");

        List<String> tabs = browser.findElements(By.cssSelector("#model-tabs [role=tab]")).stream()
                .map(WebElement::getText).toList();
        assertThat(tabs).hasSize(5).first().asString().startsWith("Inpaint");
        assertThat(tabs).anyMatch(tab -> tab.startsWith("Stable Diffusion Inpaint"));
        List<String> inpaintModels = browser.findElements(By.cssSelector("#panel-inpaint button.model")).stream()
                .map(button -> button.getDomAttribute("data-model")).toList();
        assertThat(inpaintModels).contains("cv2", FakeModels.FAILING, FakeModels.BROKEN);
        assertThat(element("cv2-options").isDisplayed()).isTrue();

        chooseModel(FakeModels.FAILING);
        waitUntil(() -> text("settings-current-model").equals(FakeModels.FAILING));
        assertThat(text("current-model")).isEqualTo(FakeModels.FAILING);
        assertThat(element("cv2-options").isDisplayed()).as("cv2's options go with cv2").isFalse();

        chooseModel(FakeModels.BROKEN);
        waitUntil(() -> element("settings-error").isDisplayed());
        assertThat(text("settings-error")).contains(FakeModels.LOAD_ERROR);
        assertThat(text("settings-current-model")).isEqualTo(FakeModels.FAILING);
        assertThat(iopaint.model().name()).isEqualTo(FakeModels.FAILING);
    }

    @Test
    void shows_the_servers_message_when_inpainting_fails() throws IOException {
        iopaint.switchModel(FakeModels.FAILING);
        openPage();
        openPhoto();
        BufferedImage original = canvasPixels();

        paint(STROKE);
        waitUntil(() -> element("error").isDisplayed());

        assertThat(text("error-message")).isEqualTo("Inpainting failed: " + FakeModels.INFERENCE_ERROR);
        assertThat(element("busy").isDisplayed()).isFalse();
        assertThat(maxDifference(original, canvasPixels(), everywhere())).isZero();
        assertThat(element("inpaint-button").isEnabled()).as("the stroke stays for another try").isTrue();
    }

    @Test
    void shows_no_plugin_menu_when_the_server_runs_no_plugins() {
        openPhoto();

        assertThat(element("plugin-menu").isDisplayed()).isFalse();
        assertThat(element("selection-canvas").isDisplayed()).isFalse();
    }

    private void openPage() {
        browser.get(server.uri().toString());
        waitUntil(() -> text("current-model").equals(iopaint.model().name()));
    }

    private void openPhoto() {
        element("file-input").sendKeys(PHOTO.toString());
        waitUntil(() -> element("stage").isDisplayed()
                && String.valueOf(WIDTH).equals(element("image-canvas").getDomProperty("width")));
    }

    /** Drags the brush along a line given in image pixels, whatever the canvas's displayed size. */
    private void paint(Line line) {
        WebElement canvas = element("mask-canvas");
        org.openqa.selenium.Rectangle shown = canvas.getRect();
        double scale = shown.getWidth() / (double) WIDTH;
        PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "brush");
        Sequence stroke = new Sequence(mouse, 0);
        for (int step = 0; step <= STROKE_STEPS; step++) {
            double t = step / (double) STROKE_STEPS;
            stroke.addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(canvas),
                    offset(line.fromX() + (line.toX() - line.fromX()) * t, scale, shown.getWidth()),
                    offset(line.fromY() + (line.toY() - line.fromY()) * t, scale, shown.getHeight())));
            if (step == 0) {
                stroke.addAction(mouse.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
            }
        }
        stroke.addAction(mouse.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.perform(List.of(stroke));
    }

    /** Selenium's offsets count from the element's centre. */
    private static int offset(double imagePixel, double scale, int shownSize) {
        return (int) Math.round(imagePixel * scale - shownSize / 2.0);
    }

    private void chooseModel(String name) {
        browser.findElement(By.cssSelector("#panel-inpaint button[data-model='" + name + "']")).click();
    }

    /** Waits until the answer is on the canvas: nothing running, no mask left, a result to download. */
    private void waitForResult() {
        waitUntil(() -> !element("busy").isDisplayed() && !element("clear-button").isEnabled()
                && "false".equals(element("download-link").getDomAttribute("aria-disabled")));
    }

    /** Waits for the condition; an error message on the page that the test did not wait for fails at once. */
    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE, POLL).until(page -> {
            // Look for an error first: one that appears while the condition is checked may be what it waits for.
            boolean errorShown = element("error").isDisplayed();
            boolean met = condition.getAsBoolean();
            if (!met && errorShown) {
                throw new AssertionError("The page shows an error: " + text("error-message"));
            }
            return met;
        });
    }

    /** The image canvas at the image's natural size, decoded by the browser as the page shows it. */
    private BufferedImage canvasPixels() throws IOException {
        String dataUrl = (String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('image-canvas').toDataURL('image/png');");
        return ImageIO.read(new ByteArrayInputStream(dataUrlBytes(dataUrl)));
    }

    /**
     * Saves the page to target/, and to the README's picture when that is missing or
     * {@code -Diopaint.readme-screenshot=true} asks for a new one (so that test runs leave the work tree clean).
     */
    private void saveScreenshot() throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        if (!Files.exists(README_SCREENSHOT) || Boolean.getBoolean("iopaint.readme-screenshot")) {
            Files.createDirectories(README_SCREENSHOT.getParent());
            Files.write(README_SCREENSHOT, png);
        }
    }

    private WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return element(id).getText();
    }

    private void click(String id) {
        element(id).click();
    }

    private static byte[] dataUrlBytes(String dataUrl) {
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    private record Line(int fromX, int fromY, int toX, int toY) {
    }
}
