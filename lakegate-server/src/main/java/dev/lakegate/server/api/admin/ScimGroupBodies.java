package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.governance.GovernanceErrors;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SCIM Group bodies: create, and the PatchOp forms identity providers and the Databricks CLI
 * send for members ({@code add} / {@code remove} / {@code replace}, with or without {@code path}, and
 * {@code members[value eq "…"]}).
 */
final class ScimGroupBodies {
    private static final String EXAMPLE_OP = "{\"op\": \"add\", \"value\": {\"members\": [{\"value\": \"<principal id>\"}]}}";
    private static final Pattern ONE_MEMBER = Pattern.compile("^members\\s*\\[\\s*value\\s+eq\\s+\"?([^\"\\]]*)\"?\\s*]$",
            Pattern.CASE_INSENSITIVE);

    private ScimGroupBodies() {}

    /** A new group: its name in {@code displayName}, optional first {@code members}. */
    record Create(String name, Set<Long> members) {}

    /**
     * Member changes by principal id.
     *
     * @param replace all members at once, when an operation replaced (or removed) the whole list; applied before add and remove
     */
    record Patch(Optional<Set<Long>> replace, Set<Long> add, Set<Long> remove) {}

    static Create create(JsonNode body) {
        return new Create(Bodies.required(body, "displayName", "ml-team"), members(body.get("members")));
    }

    /** Operations apply in order: a later one overrides what an earlier one did to the same member. */
    static Patch patch(JsonNode body, String currentName) {
        JsonNode operations = ScimBodies.operations(body, EXAMPLE_OP).orElseThrow(() -> GovernanceErrors.invalid(
                "a group PATCH is a SCIM PatchOp: send {\"Operations\": [" + EXAMPLE_OP + "]}"));
        Changes changes = new Changes();
        for (JsonNode op : operations) {
            String name = Bodies.text(op, "op").orElse("").toLowerCase(Locale.ROOT);
            String path = Bodies.text(op, "path").orElse("").strip();
            JsonNode value = op.get("value");
            switch (name) {
                case "add" -> memberValues(path, value, currentName).ifPresent(changes::add);
                case "replace" -> memberValues(path, value, currentName).ifPresent(changes::replace);
                case "remove" -> remove(changes, path, value);
                default -> throw GovernanceErrors.invalid("unsupported patch op '" + name + "': use add, replace or remove");
            }
        }
        return new Patch(changes.replace, Set.copyOf(changes.add), Set.copyOf(changes.remove));
    }

    private static void remove(Changes changes, String path, JsonNode value) {
        Matcher one = ONE_MEMBER.matcher(path);
        if (one.matches()) {
            changes.remove(Set.of(id(one.group(1))));
        } else if (path.equalsIgnoreCase("members")) {
            if (value == null || value.isNull()) {
                changes.replace(Set.of()); // SCIM: removing the attribute without a value empties it
            } else {
                changes.remove(members(value));
            }
        } else {
            throw GovernanceErrors.invalid("cannot remove '" + path + "': remove members, e.g. {\"op\": \"remove\","
                    + " \"path\": \"members[value eq \\\"<principal id>\\\"]\"}");
        }
    }

    private static final class Changes {
        Optional<Set<Long>> replace = Optional.empty();
        final Set<Long> add = new LinkedHashSet<>();
        final Set<Long> remove = new LinkedHashSet<>();

        void add(Set<Long> ids) {
            add.addAll(ids);
            remove.removeAll(ids);
        }

        void remove(Set<Long> ids) {
            remove.addAll(ids);
            add.removeAll(ids);
        }

        void replace(Set<Long> ids) {
            replace = Optional.of(Set.copyOf(ids));
            add.clear();
            remove.clear();
        }
    }

    /**
     * The members an add or replace operation names: {@code path: members} with a list, or no path with
     * {@code {members: […]}}; empty when it names none (an unchanged {@code displayName}).
     */
    private static Optional<Set<Long>> memberValues(String path, JsonNode value, String currentName) {
        if (path.equalsIgnoreCase("members")) {
            return Optional.of(members(value));
        }
        if (path.equalsIgnoreCase("displayName")) {
            requireSameName(value == null ? null : value.asText(null), currentName);
            return Optional.empty();
        }
        if (!path.isEmpty() || value == null || !value.isObject()) {
            throw GovernanceErrors.invalid("unsupported patch path '" + path + "': change members, e.g. " + EXAMPLE_OP);
        }
        Bodies.text(value, "displayName").ifPresent(n -> requireSameName(n, currentName));
        return value.has("members") ? Optional.of(members(value.get("members"))) : Optional.empty();
    }

    /** Catalog grants name a group, so a new name would leave them behind (or hand them to a later group of the old name). */
    private static void requireSameName(String name, String currentName) {
        if (name == null || !name.equalsIgnoreCase(currentName)) {
            throw GovernanceErrors.invalid("group '" + currentName + "' cannot be renamed: its name is what catalog grants refer to;"
                    + " create a group with the new name, add the members and grant it instead");
        }
    }

    /** A SCIM multi-valued {@code members} attribute: [{"value": "<id>"}, …]. */
    private static Set<Long> members(JsonNode members) {
        if (members == null || members.isNull()) {
            return Set.of();
        }
        if (!members.isArray()) {
            throw GovernanceErrors.invalid("\"members\" must be an array such as [{\"value\": \"<principal id>\"}]");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode m : members) {
            JsonNode value = m.isObject() ? m.get("value") : m;
            ids.add(id(value == null ? "" : value.asText()));
        }
        return ids;
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GovernanceErrors.invalid("member '" + value + "' is not an id: members are given by the \"id\" of a user or"
                    + " service principal (GET /api/2.0/preview/scim/v2/Users?filter=userName eq \"alice\")");
        }
    }
}
