/**
 * The conformance kit: every client protocol × every upstream protocol runs the same cases through a
 * real gateway with the scripted model upstream ({@link dev.lakegate.server.conformance.ConformanceKitTest}).
 *
 * <ul>
 *   <li>{@code Pair}, {@code Behavior}: the 16 pairs and the capability table (what each protocol can express).
 *   <li>{@code KitRequest}: a case's request before any protocol; one {@code ClientDialect} per client protocol
 *       ({@code AnthropicClient}, {@code ChatClient}, {@code ResponsesClient}, {@code GeminiClient}) writes it as
 *       that protocol's JSON and knows its wire names (stop reasons, error shapes, in-stream errors).
 *   <li>{@code UpstreamView}: what the upstream received, read by hand from the vendor JSON, one subclass per
 *       upstream protocol.
 *   <li>{@code KitGateway}, {@code KitClient}, {@code Round}, {@code Answer}: start the gateway, make a call,
 *       read the answer back with the client protocol's own {@code ResponseReader}.
 * </ul>
 *
 * A new protocol joins the kit with a dialect, an upstream view and a row in the capability table.
 */
package dev.lakegate.server.conformance;
