package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.config.AiGatewayCodec;
import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.governance.AiGatewaySettings;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.payload.InferenceTable;
import dev.lakegate.server.payload.TableOpener;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Serving endpoints and their ai-gateway settings, in the managed product's shapes: list and read the endpoints a
 * caller may query (destinations without credentials, settings, the caller's permission level), and
 * {@code PUT …/{name}/ai-gateway} to replace an endpoint's rate limits, usage tracking, inference table and fallback
 * (admins and CAN_MANAGE holders). Lakegate adds {@code GET …/ai-gateway} (the settings in force and their
 * {@code source}) and {@code DELETE …/ai-gateway} (back to the configuration file).
 */
final class ServingEndpointsApi {
    static final String PATH = "/api/2.0/serving-endpoints";
    static final String AI_GATEWAY = PATH + "/{name}/ai-gateway";

    private final EndpointRegistry endpoints;
    private final EndpointPermissions permissions;
    private final AiGatewaySettings settings;
    private final TableOpener tables;

    ServingEndpointsApi(EndpointRegistry endpoints, EndpointPermissions permissions, AiGatewaySettings settings, TableOpener tables) {
        this.endpoints = endpoints;
        this.permissions = permissions;
        this.settings = settings;
        this.tables = tables;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", PATH, false, this::list),
                new ApiRoute("GET", PATH + "/{name}", false, this::show),
                new ApiRoute("GET", AI_GATEWAY, false, this::get),
                new ApiRoute("PUT", AI_GATEWAY, false, this::put),
                new ApiRoute("DELETE", AI_GATEWAY, false, this::reset));
    }

    private ApiResponse list(ApiRequest request) {
        Caller caller = Access.caller(request);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        var list = answer.putArray("endpoints");
        for (Endpoint e : endpoints.all()) {
            level(caller, e).ifPresent(level -> list.add(describe(e, level)));
        }
        return ApiResponse.ok(answer);
    }

    private ApiResponse show(ApiRequest request) {
        Endpoint endpoint = Access.endpoint(request, endpoints, permissions, PermissionLevel.CAN_QUERY);
        return ApiResponse.ok(describe(endpoint, level(Access.caller(request), endpoint).orElseThrow()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(inForce(Access.endpoint(request, endpoints, permissions, PermissionLevel.CAN_QUERY)));
    }

    /** Replaces all four parts (a part left out is off), once they are valid and their inference table can be written. */
    private ApiResponse put(ApiRequest request) {
        String name = Access.endpoint(request, endpoints, permissions, PermissionLevel.CAN_MANAGE).name();
        AiGatewayConfig next;
        try {
            next = AiGatewayCodec.read(Bodies.object(request.body()), AiGatewayCodec.Unknown.REFUSE);
        } catch (IllegalArgumentException e) {
            throw GovernanceErrors.invalid(e.getMessage());
        }
        next.problem(name).ifPresent(problem -> {
            throw GovernanceErrors.invalid(problem);
        });
        InferenceTable table = InferenceTable.of(next.inferenceTable(), name);
        if (table != null) {
            try {
                tables.open(name, table); // here, so that a missing schema is this caller's 400 and not every gateway's log
            } catch (IllegalArgumentException e) {
                throw GovernanceErrors.invalid(e.getMessage() + ", then send the settings again");
            }
        }
        settings.put(name, next);
        return ApiResponse.ok(AiGatewayCodec.write(next, name));
    }

    private ApiResponse reset(ApiRequest request) {
        String name = Access.endpoint(request, endpoints, permissions, PermissionLevel.CAN_MANAGE).name();
        settings.reset(name);
        return ApiResponse.ok(inForce(endpoints.find(name).orElseThrow()));
    }

    /** The caller's highest level on the endpoint; empty when it may not even query it. */
    private Optional<PermissionLevel> level(Caller caller, Endpoint endpoint) {
        return permissions.may(caller, endpoint, PermissionLevel.CAN_MANAGE) ? Optional.of(PermissionLevel.CAN_MANAGE)
                : permissions.may(caller, endpoint, PermissionLevel.CAN_QUERY) ? Optional.of(PermissionLevel.CAN_QUERY) : Optional.empty();
    }

    /** Name, aliases, destinations (provider and model: never a credential), settings in force, the caller's level. */
    private static ObjectNode describe(Endpoint endpoint, PermissionLevel level) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", endpoint.name());
        endpoint.aliases().forEach(out.putArray("aliases")::add);
        var destinations = out.putArray("destinations");
        for (Destination d : endpoint.destinations()) {
            destinations.addObject().put("provider", d.provider().name()).put("provider_type", d.provider().type().id())
                    .put("model", d.model()).put("weight", d.weight()).put("priority", d.priority());
        }
        out.set("ai_gateway", inForce(endpoint));
        return out.put("permission_level", level.name());
    }

    /** The settings in force, and whether they come from the configuration file or the API. */
    private static ObjectNode inForce(Endpoint endpoint) {
        return AiGatewayCodec.write(endpoint.settings().config(), endpoint.name()).put("source", endpoint.settings().source().id());
    }
}
