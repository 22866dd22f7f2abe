package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.IssuedToken;
import dev.lakegate.server.governance.PrincipalService;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.TokenService;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** {@code /api/2.0/token-management/*}: admins see every token, mint for others and revoke any. */
final class TokenManagementApi {
    static final String BASE = "/api/2.0/token-management";

    private final PrincipalService principals;
    private final TokenService tokens;

    TokenManagementApi(PrincipalService principals, TokenService tokens) {
        this.principals = principals;
        this.tokens = tokens;
    }

    List<ApiRoute> routes() {
        return List.of(
                Access.adminRoute("GET", BASE + "/tokens", this::list),
                Access.adminRoute("GET", BASE + "/tokens/{token_id}", this::get),
                Access.adminRoute("DELETE", BASE + "/tokens/{token_id}", this::delete),
                Access.adminRoute("POST", BASE + "/on-behalf-of/tokens", this::createOnBehalfOf));
    }

    /** All tokens, revoked ones flagged; {@code created_by_username} / {@code created_by_id} filter by owner. */
    private ApiResponse list(ApiRequest request) {
        Optional<Long> owner = Optional.empty();
        Optional<String> userName = request.queryParam("created_by_username").filter(s -> !s.isBlank());
        Optional<String> userId = request.queryParam("created_by_id").filter(s -> !s.isBlank());
        if (userName.isPresent()) {
            owner = Optional.of(principals.findByName(userName.get()).map(PrincipalRecord::id).orElse(-1L));
        } else if (userId.isPresent()) {
            owner = Optional.of(parseLong(userId.get()));
        }
        LongFunction<String> names = names();
        List<TokenViews.Info> infos = tokens.list(owner).stream().map(t -> TokenViews.admin(t, names)).toList();
        return ApiResponse.ok(new TokenViews.Infos(infos));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(new TokenViews.One(TokenViews.admin(existing(request), names())));
    }

    private ApiResponse delete(ApiRequest request) {
        tokens.revoke(existing(request).id()); // revoking twice is fine: the token stays revoked
        return ApiResponse.ok(Map.of());
    }

    private ApiResponse createOnBehalfOf(ApiRequest request) {
        ObjectNode body = Bodies.object(request.body());
        PrincipalRecord owner = target(body);
        IssuedToken issued = tokens.create(owner, Access.caller(request).principal().id(),
                Bodies.text(body, "comment").orElse(null), TokenViews.lifetime(body));
        return ApiResponse.ok(new TokenViews.Created(issued.secret(), TokenViews.admin(issued.token(), names())));
    }

    /** Exactly one of {@code application_id} (a service principal) or {@code user_name} (a user). */
    private PrincipalRecord target(ObjectNode body) {
        Optional<String> app = Bodies.text(body, "application_id").filter(s -> !s.isBlank());
        Optional<String> user = Bodies.text(body, "user_name").filter(s -> !s.isBlank());
        if (app.isPresent() == user.isPresent()) {
            throw GovernanceErrors.invalid("send exactly one of \"application_id\" (a service principal) or \"user_name\" (a user), "
                    + "e.g. {\"user_name\": \"alice\", \"comment\": \"laptop\", \"lifetime_seconds\": 7776000}");
        }
        PrincipalType type = app.isPresent() ? PrincipalType.SERVICE_PRINCIPAL : PrincipalType.USER;
        String name = app.orElseGet(user::get);
        return principals.findByName(name).filter(p -> p.type() == type).orElseThrow(() -> GovernanceErrors.notFound(
                type == PrincipalType.USER
                        ? "no user named '" + name + "': create it with POST " + ScimKind.USERS.path
                        : "no service principal with applicationId '" + name + "': create it with POST " + ScimKind.SERVICE_PRINCIPALS.path));
    }

    private TokenRecord existing(ApiRequest request) {
        String id = request.pathParams().get("token_id");
        return tokens.find(id).orElseThrow(() -> GovernanceErrors.notFound(
                "no token has id '" + id + "': list tokens with GET " + BASE + "/tokens"));
    }

    private LongFunction<String> names() {
        return TokenViews.namesOf(principals.list(null));
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw GovernanceErrors.invalid("created_by_id must be a principal id (a whole number), got '" + raw + "'");
        }
    }
}
