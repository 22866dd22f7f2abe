package dev.lakegate.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web dashboard under {@code /ui/} (docs/design/019).
 *
 * @param secureCookies when the session cookie is {@code Secure}: {@code auto} (default) when the request came over
 *     HTTPS, {@code always} (TLS terminated by a proxy in front), or {@code never}
 * @param sessionIdleMinutes a session unused this long ends (default 720)
 * @param sessionMaxHours a session ends this long after sign-in, whatever its use (default 168); never later than
 *     the token it was opened with
 * @param telemetryTables the OTel tables' prefix for the Coding agents page, e.g. {@code main.telemetry.agents}
 *     for {@code main.telemetry.agents_otel_metrics} and {@code …_otel_logs}; empty: not configured
 */
public record DashboardConfig(String secureCookies, int sessionIdleMinutes, int sessionMaxHours, Optional<String> telemetryTables) {
    private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_IDLE_MINUTES = 30 * 24 * 60;
    private static final int MAX_SESSION_HOURS = 90 * 24;

    public static final DashboardConfig DEFAULTS = of(null, null, null, null);

    /** The section as written; absent keys take their defaults. */
    @JsonCreator
    public static DashboardConfig of(@JsonProperty("secure_cookies") String secureCookies,
            @JsonProperty("session_idle_minutes") Integer sessionIdleMinutes, @JsonProperty("session_max_hours") Integer sessionMaxHours,
            @JsonProperty("telemetry_tables") String telemetryTables) {
        return new DashboardConfig(secureCookies == null ? "auto" : secureCookies, sessionIdleMinutes == null ? 720 : sessionIdleMinutes,
                sessionMaxHours == null ? 168 : sessionMaxHours, Optional.ofNullable(telemetryTables).filter(t -> !t.isBlank()));
    }

    public DashboardConfig {
        if (!secureCookies.equals("auto") && !secureCookies.equals("always") && !secureCookies.equals("never")) {
            throw new IllegalArgumentException("dashboard.secure_cookies is '" + secureCookies + "': use auto, always or never");
        }
        if (sessionIdleMinutes < 1 || sessionIdleMinutes > MAX_IDLE_MINUTES) {
            throw new IllegalArgumentException("dashboard.session_idle_minutes must be between 1 and " + MAX_IDLE_MINUTES);
        }
        if (sessionMaxHours < 1 || sessionMaxHours > MAX_SESSION_HOURS) {
            throw new IllegalArgumentException("dashboard.session_max_hours must be between 1 and " + MAX_SESSION_HOURS);
        }
        telemetryTables.ifPresent(t -> {
            if (!TABLE_PREFIX.matcher(t).matches()) {
                throw new IllegalArgumentException("dashboard.telemetry_tables is '" + t
                        + "': name the tables' prefix as catalog.schema.prefix, e.g. main.telemetry.agents");
            }
        });
    }

    /** Whether the session cookie is {@code Secure} for a request that came over HTTPS ({@code secure}) or not. */
    public boolean secureCookie(boolean secure) {
        return switch (secureCookies) {
            case "always" -> true;
            case "never" -> false;
            default -> secure;
        };
    }
}
