package dev.lakegate.server.api.admin;

import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of SCIM filtering that provisioning tools and the Databricks CLI use:
 * {@code <attribute> eq|ne|co|sw "<value>"} on one attribute, case-insensitive as SCIM says.
 */
final class ScimFilter {
    private static final Pattern EXPRESSION = Pattern.compile("^\\s*([A-Za-z.]+)\\s+(eq|ne|co|sw)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private ScimFilter() {}

    static Predicate<PrincipalRecord> parse(ScimKind kind, String filter) {
        Matcher m = EXPRESSION.matcher(filter);
        if (!m.matches()) {
            throw unsupported(kind, filter);
        }
        Function<PrincipalRecord, String> attribute = attribute(kind, m.group(1)).orElseThrow(() -> unsupported(kind, filter));
        String raw = m.group(3);
        String value = (raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replaceAll("\\\\(.)", "$1") : raw)
                .toLowerCase(Locale.ROOT);
        String op = m.group(2).toLowerCase(Locale.ROOT);
        return p -> {
            String actual = attribute.apply(p);
            String a = actual == null ? "" : actual.toLowerCase(Locale.ROOT);
            return switch (op) {
                case "eq" -> a.equals(value);
                case "ne" -> !a.equals(value);
                case "co" -> a.contains(value);
                default -> a.startsWith(value);
            };
        };
    }

    private static Optional<Function<PrincipalRecord, String>> attribute(ScimKind kind, String name) {
        Function<PrincipalRecord, String> f = switch (name.toLowerCase(Locale.ROOT)) {
            case "id" -> p -> String.valueOf(p.id());
            case "displayname" -> PrincipalRecord::displayName;
            case "active" -> p -> String.valueOf(p.active());
            case "username" -> kind == ScimKind.USERS ? PrincipalRecord::name : null;
            case "emails", "emails.value" -> kind == ScimKind.USERS ? PrincipalRecord::email : null;
            case "applicationid" -> kind == ScimKind.SERVICE_PRINCIPALS ? PrincipalRecord::name : null;
            default -> null;
        };
        return Optional.ofNullable(f);
    }

    private static RuntimeException unsupported(ScimKind kind, String filter) {
        String attributes = kind == ScimKind.USERS ? "userName, displayName, emails, id, active" : "applicationId, displayName, id, active";
        return GovernanceErrors.invalid("unsupported filter '" + filter + "': use <attribute> eq|ne|co|sw \"<value>\" with one of "
                + attributes + ", e.g. " + kind.nameAttribute + " eq \"alice\"");
    }
}
