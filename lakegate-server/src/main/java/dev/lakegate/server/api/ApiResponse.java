package dev.lakegate.server.api;

/** A JSON API answer; {@code body} is serialised with Jackson (null means an empty {@code {}}). */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }
}
