package dev.lakegate.server.conformance;

/** OpenAI's image URLs: a {@code data:<type>;base64,<data>} URL is an inline image. */
final class OpenAiImages {
    private OpenAiImages() {}

    static UpstreamView.Img fromUrl(String url) {
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
            return new UpstreamView.Img(url.substring(5, comma - ";base64".length()), url.substring(comma + 1), null);
        }
        return new UpstreamView.Img(null, null, url);
    }
}
