package dev.lakegate.server.cli;

import dev.lakegate.server.Gateway;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Starts a gateway, reports it, and keeps the process alive until SIGINT/SIGTERM, then shuts down gracefully. */
final class Running {
    private Running() {}

    static int run(Gateway.Options options, Consumer<Gateway> onStarted) throws Exception {
        Gateway gateway;
        try {
            gateway = Gateway.start(options);
        } catch (IllegalArgumentException e) {
            System.err.println("lakegate: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("lakegate: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                System.err.println("lakegate: shutdown: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "lakegate-shutdown"));
        onStarted.accept(gateway);
        stopped.await();
        return 0;
    }

    static void printAdminToken(String token) {
        System.out.println();
        System.out.println("Admin token (shown once; store it now): " + token);
        System.out.println();
    }
}
