package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.IssuedToken;
import dev.lakegate.server.governance.PrincipalService;
import dev.lakegate.server.governance.TokenService;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/2.0/token/*}: any authenticated principal manages its own tokens. */
final class TokenApi {
    static final String BASE = "/api/2.0/token";

    private final PrincipalService principals;
    private final TokenService tokens;

    TokenApi(PrincipalService principals, TokenService tokens) {
        this.principals = principals;
        this.tokens = tokens;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("POST", BASE + "/create", false, this::create),
                new ApiRoute("GET", BASE + "/list", false, this::list),
                new ApiRoute("POST", BASE + "/delete", false, this::delete));
    }

    private ApiResponse create(ApiRequest request) {
        Caller caller = Access.caller(request);
        ObjectNode body = Bodies.object(request.body());
        PrincipalRecord owner = principals.find(caller.principal().id())
                .orElseThrow(() -> GovernanceErrors.notFound("your principal no longer exists: ask an admin"));
        IssuedToken issued = tokens.create(owner, owner.id(), Bodies.text(body, "comment").orElse(null), TokenViews.lifetime(body));
        return ApiResponse.ok(new TokenViews.Created(issued.secret(), TokenViews.own(issued.token())));
    }

    /** Live tokens only: a revoked token is gone from the owner's point of view. */
    private ApiResponse list(ApiRequest request) {
        long owner = Access.caller(request).principal().id();
        List<TokenViews.Info> infos = tokens.list(Optional.of(owner)).stream()
                .filter(t -> !t.revoked())
                .map(TokenViews::own)
                .toList();
        return ApiResponse.ok(new TokenViews.Infos(infos));
    }

    private ApiResponse delete(ApiRequest request) {
        long owner = Access.caller(request).principal().id();
        String tokenId = Bodies.required(Bodies.object(request.body()), "token_id", "tok_…");
        Optional<TokenRecord> token = tokens.find(tokenId).filter(t -> t.principalId() == owner && !t.revoked());
        if (token.isEmpty()) {
            // Someone else's token looks the same as a missing one: ids are not an oracle.
            throw GovernanceErrors.notFound("you have no token '" + tokenId + "': list yours with GET " + BASE + "/list");
        }
        tokens.revoke(tokenId);
        return ApiResponse.ok(Map.of());
    }
}
