package dev.lakegate.server.cli.agents;

/** Keeps tokens out of what the command prints about files. */
final class Secrets {
    private Secrets() {}

    /** The first few characters and a marker, enough to recognise a token, never enough to use it. */
    static String mask(String token) {
        if (token == null) {
            return null;
        }
        int shown = Math.min(6, token.length() / 3);
        return token.substring(0, shown) + "…(masked)";
    }

    static String maskIn(String text, String token) {
        return token == null || token.isEmpty() ? text : text.replace(token, mask(token));
    }
}
