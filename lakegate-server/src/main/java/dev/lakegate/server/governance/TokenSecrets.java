package dev.lakegate.server.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secrets, their hashes, and the public ids of tokens and principals. */
public final class TokenSecrets {
    static final String PREFIX = "lg_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Cloned per hash: {@code MessageDigest.getInstance} looks the provider up each time, a third of a request's token check. */
    private static final MessageDigest SHA_256 = sha256();

    private TokenSecrets() {}

    /** {@code lg_} + 32 random bytes, base64url without padding: 46 characters. */
    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newTokenId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "tok_" + HEX.formatHex(bytes);
    }

    /** Positive and below 2^53, so the id survives JavaScript number handling in the dashboard. */
    static long newPrincipalId() {
        return RANDOM.nextLong(1_000_000L, 1L << 53);
    }

    /** SHA-256 of the secret's UTF-8 bytes, lower-case hex: what the store keeps and looks up. */
    public static String hash(String secret) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            sha = sha256();
        }
        return HEX.formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Whether {@code secret} is the one {@code storedHash} was made from, in time independent of where they differ.
     * The store found the row by an equality of its own (an index, maybe a case-insensitive collation): this is the final word.
     */
    public static boolean matches(String secret, String storedHash) {
        return secret != null && storedHash != null
                && MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.UTF_8));
    }
}
