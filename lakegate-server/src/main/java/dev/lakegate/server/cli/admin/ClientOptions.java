package dev.lakegate.server.cli.admin;

import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the gateway is, how to authenticate, how to print; accepted before or after the subcommand. */
final class ClientOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final Map<String, String> env;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Gateway base URL (env LAKEGATE_URL; default " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "Admin or personal token (env LAKEGATE_TOKEN, else LAKEGATE_ADMIN_TOKEN)")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the gateway's raw JSON answer")
    boolean json;

    ClientOptions(Map<String, String> env) {
        this.env = env;
    }

    String url() {
        return firstSet(url, env.get("LAKEGATE_URL"), DEFAULT_URL);
    }

    String token() {
        String chosen = firstSet(token, env.get("LAKEGATE_TOKEN"), env.get("LAKEGATE_ADMIN_TOKEN"));
        if (chosen == null) {
            throw new CliFailure("no token: pass --token, or set LAKEGATE_TOKEN (the admin token printed on the gateway's first start)");
        }
        return chosen;
    }

    AdminClient connect() {
        return new AdminClient(url(), token());
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
