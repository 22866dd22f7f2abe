package dev.lakegate.protocol.canonical.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Tool-call ids across protocols. Ids are kept as they are whenever the target accepts them; an id it
 * would reject is replaced by a hash of itself, so a call and its result, mapped separately, still
 * pair up, and every turn of a conversation maps the same way.
 */
public final class ToolIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");

    private ToolIds() {}

    /**
     * A stable id for a Gemini function call that has none: its name and its position among all the
     * conversation's calls, so the same history yields the same ids on every turn.
     */
    public static String synthesize(String name, int ordinal) {
        return "call_" + name.replaceAll("[^A-Za-z0-9_-]", "_") + "_" + ordinal;
    }

    /** {@code id} if it is made of {@code [A-Za-z0-9_-]} and at most {@code maxLength} long, else a stable hash of it. */
    public static String fit(String id, int maxLength) {
        if (id.length() <= maxLength && SAFE.matcher(id).matches()) {
            return id;
        }
        String hash = sha256(id);
        return "call_" + hash.substring(0, Math.min(hash.length(), maxLength - 5));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
