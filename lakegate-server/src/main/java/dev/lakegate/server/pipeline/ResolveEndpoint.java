package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.provider.EndpointRegistry;

/** Maps the model an agent asked for to a Lakegate endpoint; unknown names get 404. */
public final class ResolveEndpoint implements Interceptor {
    private final EndpointRegistry endpoints;

    public ResolveEndpoint(EndpointRegistry endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        String model = exchange.requestedModel();
        if (model == null || model.isBlank()) {
            throw new GatewayException(GatewayError.of(ErrorCategory.INVALID_REQUEST,
                    "The request names no model: set 'model' to a Lakegate endpoint name").withParam("model"));
        }
        exchange.endpoint(endpoints.find(model).orElseThrow(() -> new GatewayException(GatewayError.of(ErrorCategory.NOT_FOUND,
                "Unknown model '" + model + "': no Lakegate endpoint has that name (list them with GET …/models)").withParam("model"))));
        chain.proceed(exchange);
    }
}
