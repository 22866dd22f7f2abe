package dev.lakegate.server.governance;

/** Validation of the free-text fields of principals; each failure says what to send instead. */
final class Names {
    static final int MAX_NAME = 255;
    static final int MAX_EMAIL = 320;

    private Names() {}

    /**
     * A user name, application id or group name: 1–255 characters, no whitespace or control characters
     * (a grantee in SQL, a CLI argument and a usage-table value stay one unambiguous word).
     */
    static String name(String value, String field, String example) {
        if (value == null || value.isBlank()) {
            throw GovernanceErrors.invalid(field + " is required: send a non-empty string such as \"" + example + "\"");
        }
        if (value.length() > MAX_NAME || value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw GovernanceErrors.invalid(field + " '" + printable(value) + "' is not usable: use at most "
                    + MAX_NAME + " characters without spaces or control characters");
        }
        return value;
    }

    /** Optional display text; blank means none. */
    static String displayName(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_NAME || value.codePoints().anyMatch(Character::isISOControl)) {
            throw GovernanceErrors.invalid("displayName must be at most " + MAX_NAME + " characters without control characters");
        }
        return value.strip();
    }

    /** Optional e-mail; blank means none. Only the shape is checked: nothing is sent to it. */
    static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int at = value.indexOf('@');
        if (value.length() > MAX_EMAIL || at <= 0 || at == value.length() - 1 || value.codePoints().anyMatch(Character::isWhitespace)) {
            throw GovernanceErrors.invalid("email '" + printable(value) + "' is not an e-mail address: send one like \"alice@example.com\"");
        }
        return value;
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
