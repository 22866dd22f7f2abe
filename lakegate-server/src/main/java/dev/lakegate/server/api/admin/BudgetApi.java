package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.api.ApiHandler;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.budgets.Budget;
import dev.lakegate.server.governance.budgets.BudgetPeriod;
import dev.lakegate.server.governance.budgets.BudgetScope;
import dev.lakegate.server.governance.budgets.BudgetView;
import dev.lakegate.server.governance.budgets.Budgets;
import dev.lakegate.server.governance.budgets.NewBudget;
import dev.lakegate.server.governance.budgets.Usd;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /api/2.0/budgets}: admins create, list, change the limit of and delete budgets (SPEC §3). Every
 * answer shows the current window's spend; a change applies on every gateway within about a second.
 */
public final class BudgetApi {
    static final String BASE = "/api/2.0/budgets";
    private static final Set<String> CREATE_FIELDS = Set.of("name", "scope", "subject", "period", "limit_usd");
    private static final Set<String> UPDATE_FIELDS = Set.of("limit_usd");

    private final Budgets budgets;

    private BudgetApi(Budgets budgets) {
        this.budgets = budgets;
    }

    public static List<ApiRoute> routes(Budgets budgets) {
        BudgetApi api = new BudgetApi(budgets);
        return List.of(
                route("GET", BASE, api::list),
                route("POST", BASE, api::create),
                route("GET", BASE + "/{name}", api::get),
                route("PATCH", BASE + "/{name}", api::update),
                route("DELETE", BASE + "/{name}", api::delete));
    }

    /** A budget and its current window, amounts in USD, times in RFC 3339 UTC. */
    record View(
            @JsonProperty("name") String name,
            @JsonProperty("scope") String scope,
            @JsonProperty("subject") String subject,
            @JsonProperty("period") String period,
            @JsonProperty("limit_usd") double limitUsd,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("current_window") CurrentWindow currentWindow) {}

    /** @param seededUsd the part of {@code spent_usd} that was recorded before the budget existed */
    record CurrentWindow(
            @JsonProperty("start") String start,
            @JsonProperty("resets_at") String resetsAt,
            @JsonProperty("spent_usd") double spentUsd,
            @JsonProperty("reserved_usd") double reservedUsd,
            @JsonProperty("remaining_usd") double remainingUsd,
            @JsonProperty("seeded_usd") double seededUsd) {}

    record Views(@JsonProperty("budgets") List<View> budgets) {}

    private static ApiRoute route(String method, String path, ApiHandler handler) {
        return new ApiRoute(method, path, true, Access.adminOnly(handler));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new Views(budgets.list().stream().map(BudgetApi::view).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(view(budgets.get(request.pathParams().get("name"))));
    }

    private ApiResponse create(ApiRequest request) {
        ObjectNode body = Bodies.object(request.body());
        onlyFields(body, CREATE_FIELDS, "");
        NewBudget wanted = new NewBudget(Bodies.required(body, "name", "team-eng-daily"),
                choice(body, "scope", BudgetScope.class), Bodies.required(body, "subject", "alice"), choice(body, "period", BudgetPeriod.class),
                limitMicros(body));
        return ApiResponse.ok(view(budgets.create(wanted, Access.caller(request).principal().name())));
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode body = Bodies.object(request.body());
        onlyFields(body, UPDATE_FIELDS, ": to change a budget's scope, subject or period, delete it and create it again");
        return ApiResponse.ok(view(budgets.updateLimit(request.pathParams().get("name"), limitMicros(body))));
    }

    private ApiResponse delete(ApiRequest request) {
        budgets.delete(request.pathParams().get("name"));
        return ApiResponse.ok(Map.of());
    }

    static View view(BudgetView v) {
        Budget b = v.budget();
        CurrentWindow window = new CurrentWindow(v.window().start().toString(), v.window().end().toString(),
                Usd.usd(v.counter().spentMicros()), Usd.usd(v.counter().reservedMicros()), Usd.usd(v.remainingMicros()),
                Usd.usd(v.counter().seededMicros()));
        return new View(b.name(), b.scope().name(), b.subject(), b.period().name(), Usd.usd(b.limitMicros()), b.createdBy(),
                b.createdAt().toString(), window);
    }

    /** {@code limit_usd}, a number (or a numeric string), in micro-dollars: read as a decimal, so 0.1 is exactly 100000. */
    private static long limitMicros(JsonNode body) {
        JsonNode value = body.get("limit_usd");
        if (value == null || value.isNull()) {
            throw GovernanceErrors.invalid("\"limit_usd\" is required: the USD a window may spend, e.g. {\"limit_usd\": 25.0}");
        }
        try {
            BigDecimal usd = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
            return usd.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw GovernanceErrors.invalid("\"limit_usd\" must be a number of US dollars, e.g. 25.0, got " + value);
        }
    }

    private static <E extends Enum<E>> E choice(JsonNode body, String field, Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String raw = Bodies.text(body, field).filter(s -> !s.isBlank()).orElseThrow(() ->
                GovernanceErrors.invalid("\"" + field + "\" is required: one of " + names));
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw GovernanceErrors.invalid("\"" + field + "\" must be one of " + names + ", got \"" + raw + "\"");
        }
    }

    private static void onlyFields(ObjectNode body, Set<String> allowed, String hint) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw GovernanceErrors.invalid("unknown field \"" + name + "\": send " + String.join(", ", allowed.stream().sorted().toList())
                        + hint);
            }
        }
    }
}
