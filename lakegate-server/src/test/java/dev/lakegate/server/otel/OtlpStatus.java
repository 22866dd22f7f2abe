package dev.lakegate.server.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedInputStream;
import dev.lakegate.server.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;

/** An OTLP/HTTP refusal's {@code google.rpc.Status}: protobuf when the answer is protobuf, else JSON. */
public record OtlpStatus(int code, String message) {
    public static OtlpStatus read(HttpResponse<byte[]> r) throws IOException {
        if (r.headers().firstValue("content-type").orElse("").equals(OtlpReceiverTest.PROTOBUF)) {
            CodedInputStream in = CodedInputStream.newInstance(r.body());
            int code = 0;
            String message = "";
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (tag >>> 3) {
                    case 1 -> code = in.readInt32();
                    case 2 -> message = in.readString();
                    default -> in.skipField(tag);
                }
            }
            return new OtlpStatus(code, message);
        }
        JsonNode json = TestGateway.JSON.readTree(r.body());
        return new OtlpStatus(json.path("code").asInt(), json.path("message").asText());
    }
}
