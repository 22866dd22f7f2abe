package dev.lakegate.protocol.canonical.request;

import java.util.Objects;

/**
 * A tool that is not a plain client-side function: a vendor's server tool (Anthropic
 * {@code web_search_20250305}, Gemini {@code googleSearch}, Responses {@code web_search}), a
 * vendor-defined client tool (Anthropic {@code bash_20250124}) or a shape only one vendor has
 * (Responses {@code namespace}, {@code custom} grammar tools, {@code tool_search}). The whole wire
 * object rides in {@code extras.fields()}; it goes back to its own protocol and is stripped,
 * deliberately, for every other one.
 *
 * @param type the wire's type name ({@code web_search_20250305}, {@code googleSearch}, …)
 * @param name the tool's name when it has one (a tool choice may name it), else null
 */
public record OtherTool(String type, String name, Extras extras) {
    public OtherTool {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(extras, "extras");
    }
}
