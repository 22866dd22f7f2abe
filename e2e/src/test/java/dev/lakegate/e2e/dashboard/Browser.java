package dev.lakegate.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its chromedriver (design note 019, "Browser suite"): a fresh profile,
 * 1440×900, and a listener for Content-Security-Policy violations installed before any page script runs. Tests
 * using it are skipped, saying why, where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final URI base;

    private Browser(ChromeDriver driver, Path profile, URI base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A browser for the gateway at {@code base}; skips the test when Chromium or its driver is not installed. */
    static Browser open(URI base) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("lakegate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
        // The window includes the browser's frame: make the page's viewport itself 1440×900 (screenshots, layout).
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1440, "height", 900, "deviceScaleFactor", 1,
                "mobile", false));
        // Before any page script: record CSP violations and give the XSS probe a known starting point.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__csp = [];
                document.addEventListener('securitypolicyviolation',
                    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""));
        return new Browser(driver, profile, base);
    }

    /** Skips the test, saying why, when Chromium or its driver is missing. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard browser suite needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    }

    ChromeDriver driver() {
        return driver;
    }

    URI base() {
        return base;
    }

    /**
     * Loads {@code /ui/} + {@code hash} (e.g. {@code #/overview?range=7d}) as a new document, so that {@link #awaitReady}
     * waits for this load even when only the hash differs from the current address.
     */
    void load(String hash) {
        driver.get("about:blank");
        driver.get(base.resolve("/ui/" + hash).toString());
    }

    /** Signs in through the form with the token; waits for the header to name the principal. */
    void signIn(String token, String expectedName) {
        load("");
        WebElement form = waitFor(By.cssSelector("form[data-testid=signin-form]"));
        WebElement input = form.findElement(By.cssSelector("input[data-testid=signin-token]"));
        assertThat(input.getAttribute("type")).isEqualTo("password");
        input.sendKeys(token);
        form.findElement(By.cssSelector("button[data-testid=signin-submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> expectedName.equals(text(By.cssSelector("[data-testid=whoami]"))));
    }

    /** Goes to a page by its nav link and waits until every chart of it is ready, empty or failed. */
    void page(String name) {
        markNotReady();
        click(By.cssSelector("a[data-testid=nav-" + name + "]"));
        awaitReady();
    }

    /** Makes the next {@link #awaitReady} wait for the page to report readiness anew. */
    void markNotReady() {
        js("document.body.dataset.pageReady = 'pending'; performance.clearMeasures('page-ready');");
    }

    void awaitReady() {
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(js("return document.body.dataset.pageReady")));
    }

    /** The duration (ms) of the latest {@code page-ready} measure. */
    double pageReadyMillis() {
        Object ms = js("const m = performance.getEntriesByName('page-ready', 'measure'); return m.length ? m[m.length - 1].duration : null;");
        assertThat(ms).as("the page-ready performance measure").isNotNull();
        return ((Number) ms).doubleValue();
    }

    /** {@code data-state} of every chart section on the page, by chart id. */
    Map<String, String> chartStates() {
        @SuppressWarnings("unchecked")
        Map<String, String> states = (Map<String, String>) js("""
                const o = {};
                document.querySelectorAll('section[data-chart-id]').forEach(s => o[s.dataset.chartId] = s.dataset.state);
                return o;""");
        return states;
    }

    /** The series names of the chart's ECharts instance, in order. */
    @SuppressWarnings("unchecked")
    List<String> series(String chartId) {
        return (List<String>) js("""
                const el = document.querySelector('section[data-chart-id="' + arguments[0] + '"] [data-echarts]');
                const chart = el && echarts.getInstanceByDom(el);
                return chart ? chart.getOption().series.map(s => s.name) : null;""", chartId);
    }

    /** A KPI's raw number ({@code data-value}). */
    double kpi(String name) {
        String value = waitFor(By.cssSelector("[data-kpi=" + name + "]")).getAttribute("data-value");
        assertThat(value).as("data-value of KPI " + name).isNotNull();
        return Double.parseDouble(value);
    }

    /** The cells of a chart's table, row by row. */
    List<List<String>> tableRows(String tableId) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : driver.findElements(By.cssSelector("table[data-table-id=\"" + tableId + "\"] tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
    }

    void select(By by, String value) {
        new Select(waitFor(by)).selectByValue(value);
    }

    void click(By by) {
        new WebDriverWait(driver, WAIT).until(d -> {
            WebElement e = waitFor(by);
            return e.isDisplayed() && e.isEnabled() ? e : null;
        }).click();
    }

    String text(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.getFirst().getText();
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * {@code fetch(path, init)} in the page (the session cookie goes along unless {@code credentials: 'omit'}):
     * {@code {status, body}}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String path, String initJson) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], JSON.parse(arguments[1]))
                    .then(r => r.text().then(body => done({status: r.status, body})))
                    .catch(e => done({status: -1, body: String(e)}));""", path, initJson);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
