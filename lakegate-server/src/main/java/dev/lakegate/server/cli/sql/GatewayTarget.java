package dev.lakegate.server.cli.sql;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --url} and {@code --token} of the commands that talk to a running gateway's SQL API. */
final class GatewayTarget {
    @Option(names = "--url", paramLabel = "URL", description = "Gateway base URL (env LAKEGATE_URL; default " + SqlClient.DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Personal or admin token (env LAKEGATE_TOKEN, else LAKEGATE_ADMIN_TOKEN)")
    String token;

    /** A client of the gateway these options (else {@code env}) name. */
    SqlClient connect(Map<String, String> env) {
        return SqlClient.connect(url, token, env);
    }
}
