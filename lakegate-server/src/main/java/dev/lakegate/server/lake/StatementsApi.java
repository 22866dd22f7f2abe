package dev.lakegate.server.lake;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/2.0/sql/statements}. A request that is not a statement request (bad JSON, no
 * {@code statement}, a bad {@code wait_timeout}) answers HTTP 400 {@code {"error_code","message"}};
 * a statement that fails answers HTTP 200 with {@code status.state = FAILED} and {@code
 * status.error}, like the managed product, whose clients check the state.
 */
final class StatementsApi {
    private static final Logger LOG = LoggerFactory.getLogger(StatementsApi.class);
    private final LakeService service;

    StatementsApi(LakeService service) {
        this.service = service;
    }

    List<ApiRoute> routes() {
        return List.of(new ApiRoute("POST", "/api/2.0/sql/statements", false, this::execute));
    }

    private ApiResponse execute(ApiRequest request) {
        StatementRequest body = StatementRequest.parse(request.body());
        String id = UUID.randomUUID().toString();
        try {
            return ApiResponse.ok(StatementJson.succeeded(id, service.execute(body.statement(), request.caller()), body.rowLimit()));
        } catch (GatewayException e) {
            return ApiResponse.ok(StatementJson.failed(id, e.error()));
        } catch (RuntimeException e) {
            LOG.error("Statement {} failed", id, e);
            return ApiResponse.ok(StatementJson.failed(id, GatewayError.of(ErrorCategory.INTERNAL,
                    "Internal error (" + e.getClass().getSimpleName() + "); the gateway log has statement " + id)));
        }
    }
}
