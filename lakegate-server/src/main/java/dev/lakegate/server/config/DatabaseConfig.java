package dev.lakegate.server.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * The control-plane database (principals, tokens, catalog): the embedded SQLite file in the data
 * folder by default, PostgreSQL when several gateways share one (SPEC §9). The password is never
 * shown: {@link #toString()} masks it, and a URL that carries one is refused, so URLs are safe to
 * log and to put in error messages.
 *
 * @param url JDBC URL, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/database};
 *     {@code null} means {@code <data folder>/lakegate.db}
 * @param user the PostgreSQL role
 * @param password the role's password; {@value #PASSWORD_ENV} overrides it
 * @param poolSize most connections one gateway holds (PostgreSQL)
 * @param connectTimeoutMs how long a caller waits for a connection, and a write for another gateway's write
 * @param changePollMs how often the gateway looks for control-plane changes made by other gateways (revoked
 *     tokens, memberships, permissions) and drops its caches; bounds how late they apply here
 */
public record DatabaseConfig(String url, String user, String password, Integer poolSize, Long connectTimeoutMs, Long changePollMs) {
    public static final String PASSWORD_ENV = "LAKEGATE_DB_PASSWORD";
    /** The embedded default. */
    public static final DatabaseConfig EMBEDDED = new DatabaseConfig(null, null, null, null, null, null);

    public DatabaseConfig {
        poolSize = poolSize == null ? 10 : poolSize;
        connectTimeoutMs = connectTimeoutMs == null ? 10_000L : connectTimeoutMs;
        changePollMs = changePollMs == null ? 1_000L : changePollMs;
        if (changePollMs < 100 || changePollMs > 60_000) {
            throw new IllegalArgumentException("database.change_poll_ms must be between 100 and 60000 (default 1000)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("database.pool_size must be at least 1");
        }
        if (connectTimeoutMs < 250) {
            throw new IllegalArgumentException("database.connect_timeout_ms must be at least 250");
        }
        if (url != null && carriesPassword(url)) {
            // The URL is shown in logs and errors; the secret must not ride along.
            throw new IllegalArgumentException("database.url must not contain the password: set database.password or "
                    + PASSWORD_ENV + " instead");
        }
    }

    /** A server database with its role and password (tests, tools). */
    public static DatabaseConfig of(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, null, null, null);
    }

    /** This configuration with the password from {@value #PASSWORD_ENV} when that is set. */
    public DatabaseConfig withPasswordFrom(Function<String, String> env) {
        String fromEnv = env.apply(PASSWORD_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? this : new DatabaseConfig(url, user, fromEnv, poolSize, connectTimeoutMs, changePollMs);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", poolSize=" + poolSize + ", connectTimeoutMs=" + connectTimeoutMs + ", changePollMs=" + changePollMs + "]";
    }

    private static boolean carriesPassword(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.endsWith("password")) {
                return true;
            }
        }
        return false;
    }
}
