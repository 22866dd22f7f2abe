package dev.lakegate.server.cli;

import dev.lakegate.server.Gateway;
import dev.lakegate.server.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lakegate serve}: runs the gateway from a configuration file. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway with a YAML configuration.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--config", defaultValue = "${env:LAKEGATE_CONFIG}", description = "YAML configuration (env LAKEGATE_CONFIG; default ./lakegate.yaml if present)")
    Path config;

    @Override
    public Integer call() throws Exception {
        Path file = config != null ? config : Path.of("lakegate.yaml");
        GatewayConfig loaded;
        if (Files.exists(file)) {
            loaded = GatewayConfig.load(file);
        } else if (config != null) {
            System.err.println("Configuration file " + file + " does not exist");
            return 2;
        } else {
            loaded = GatewayConfig.parse("", "defaults");
        }
        if (server.port != null) {
            loaded = loaded.withServer(loaded.server().withPort(server.port));
        }
        return Running.run(new Gateway.Options(loaded, server.dataDir(), ServerOptions.adminToken()), gateway -> {
            System.out.println("Lakegate listening on " + gateway.baseUrl() + " (" + gateway.endpoints().all().size() + " endpoints)");
            gateway.generatedAdminToken().ifPresent(Running::printAdminToken);
        });
    }
}
