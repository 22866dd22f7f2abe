package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalChanges;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Turns SCIM create, replace (PUT) and patch bodies into governance requests. */
final class ScimBodies {
    /** "Clear this field" for {@link PrincipalChanges}: blank is stored as none. */
    private static final String CLEAR = "";

    private ScimBodies() {}

    static NewPrincipal create(ScimKind kind, JsonNode body) {
        Optional<String> displayName = Bodies.text(body, "displayName");
        boolean active = Bodies.bool(body, "active").orElse(true);
        boolean admin = Bodies.bool(body, "admin").orElse(false);
        if (kind == ScimKind.USERS) {
            String userName = Bodies.required(body, "userName", "alice@example.com");
            return new NewPrincipal(kind.type, userName, displayName.orElse(null), email(body).orElse(null), admin, active);
        }
        Optional<String> applicationId = Bodies.text(body, "applicationId");
        if (applicationId.isEmpty() && displayName.isEmpty()) {
            throw GovernanceErrors.invalid("a service principal needs \"displayName\" (and optionally \"applicationId\", "
                    + "else one is generated): send e.g. {\"displayName\": \"ci-bot\"}");
        }
        String id = applicationId.orElseGet(() -> UUID.randomUUID().toString());
        return new NewPrincipal(kind.type, id, displayName.orElse(null), null, admin, active);
    }

    /** PUT: the name is required, absent optional fields are cleared, absent flags are kept. */
    static PrincipalChanges replace(ScimKind kind, JsonNode body) {
        PrincipalChanges changes = PrincipalChanges.none()
                .withName(Bodies.required(body, kind.nameAttribute, "alice"))
                .withDisplayName(Bodies.text(body, "displayName").orElse(CLEAR));
        if (kind == ScimKind.USERS) {
            changes = changes.withEmail(email(body).orElse(CLEAR));
        }
        return flags(changes, body);
    }

    /** PATCH: a SCIM PatchOp ({@code Operations}), or for convenience a plain object of the fields to change. */
    static PrincipalChanges patch(ScimKind kind, JsonNode body) {
        Optional<JsonNode> operations = operations(body, "{\"op\": \"replace\", \"path\": \"active\", \"value\": false}");
        if (operations.isEmpty()) {
            return fields(kind, PrincipalChanges.none(), body);
        }
        PrincipalChanges changes = PrincipalChanges.none();
        for (JsonNode op : operations.get()) {
            String name = Bodies.text(op, "op").orElse("").toLowerCase(Locale.ROOT);
            Optional<String> path = Bodies.text(op, "path");
            JsonNode value = op.get("value");
            changes = switch (name) {
                case "add", "replace" -> path.isPresent() ? set(kind, changes, path.get(), value)
                        : fields(kind, changes, requireObject(value));
                case "remove" -> remove(changes, path.orElse(""));
                default -> throw GovernanceErrors.invalid("unsupported patch op '" + name + "': use add, replace or remove");
            };
        }
        return changes;
    }

    /** The {@code Operations} array of a SCIM PatchOp (also spelled {@code operations}); empty when the body has none. */
    static Optional<JsonNode> operations(JsonNode body, String exampleOperation) {
        JsonNode operations = body.has("Operations") ? body.get("Operations") : body.get("operations");
        if (operations == null) {
            return Optional.empty();
        }
        if (!operations.isArray()) {
            throw GovernanceErrors.invalid("\"Operations\" must be an array such as [" + exampleOperation + "]");
        }
        return Optional.of(operations);
    }

    private static PrincipalChanges fields(ScimKind kind, PrincipalChanges changes, JsonNode body) {
        Optional<String> name = Bodies.text(body, kind.nameAttribute);
        if (name.isPresent()) {
            changes = changes.withName(name.get());
        }
        if (body.has("displayName")) {
            changes = changes.withDisplayName(Bodies.text(body, "displayName").orElse(CLEAR));
        }
        if (kind == ScimKind.USERS && body.has("emails")) {
            changes = changes.withEmail(email(body).orElse(CLEAR));
        }
        return flags(changes, body);
    }

    private static PrincipalChanges set(ScimKind kind, PrincipalChanges changes, String path, JsonNode value) {
        JsonNode wrapped = JsonNodeFactory.instance.objectNode().set(field(kind, path), value);
        return fields(kind, changes, wrapped);
    }

    private static PrincipalChanges remove(PrincipalChanges changes, String path) {
        return switch (path.toLowerCase(Locale.ROOT)) {
            case "displayname" -> changes.withDisplayName(CLEAR);
            case "emails" -> changes.withEmail(CLEAR);
            default -> throw GovernanceErrors.invalid("cannot remove '" + path + "': only displayName and emails can be removed");
        };
    }

    /** Maps a SCIM path (case-insensitive, {@code emails[…].value} allowed) to a body field. */
    private static String field(ScimKind kind, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.equals(kind.nameAttribute.toLowerCase(Locale.ROOT))) {
            return kind.nameAttribute;
        }
        if (kind == ScimKind.USERS && p.startsWith("emails")) {
            return "emails";
        }
        return switch (p) {
            case "displayname" -> "displayName";
            case "active" -> "active";
            case "admin" -> "admin";
            default -> throw GovernanceErrors.invalid("unsupported patch path '" + path + "': use " + kind.nameAttribute
                    + ", displayName, " + (kind == ScimKind.USERS ? "emails, " : "") + "active or admin");
        };
    }

    private static PrincipalChanges flags(PrincipalChanges changes, JsonNode body) {
        Optional<Boolean> active = Bodies.bool(body, "active");
        Optional<Boolean> admin = Bodies.bool(body, "admin");
        if (active.isPresent()) {
            changes = changes.withActive(active.get());
        }
        if (admin.isPresent()) {
            changes = changes.withAdmin(admin.get());
        }
        return changes;
    }

    /** The primary e-mail of a SCIM {@code emails} array (or the first); a plain string is accepted too. */
    private static Optional<String> email(JsonNode body) {
        JsonNode emails = body.get("emails");
        if (emails == null || emails.isNull()) {
            return Optional.empty();
        }
        if (emails.isTextual()) {
            return Optional.of(emails.asText());
        }
        if (!emails.isArray()) {
            throw GovernanceErrors.invalid("\"emails\" must be an array such as [{\"value\": \"alice@example.com\", \"primary\": true}]");
        }
        JsonNode chosen = null;
        for (JsonNode e : emails) {
            if (chosen == null || e.path("primary").asBoolean(false)) {
                chosen = e;
            }
        }
        return chosen == null ? Optional.empty() : chosen.isTextual() ? Optional.of(chosen.asText()) : Bodies.text(chosen, "value");
    }

    private static JsonNode requireObject(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw GovernanceErrors.invalid("a patch operation without \"path\" needs an object \"value\", e.g. {\"active\": false}");
        }
        return value;
    }
}
