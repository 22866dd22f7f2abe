package dev.lakegate.protocol.canonical.request;

import dev.lakegate.protocol.canonical.ContentBlock.Image;
import java.util.Locale;

/** Images given as URLs: OpenAI's {@code data:} URLs for inline images, media types guessed from file names. */
public final class ImageUrls {
    private ImageUrls() {}

    /** A {@code data:<type>;base64,<data>} URL as an inline image, any other URL as a link. */
    public static Image.Source parse(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (meta.endsWith(";base64")) {
                return new Image.Base64(meta.substring(0, meta.length() - ";base64".length()), url.substring(comma + 1));
            }
        }
        return new Image.Url(url, null);
    }

    /** The image as a URL: a {@code data:} URL for inline ones. */
    public static String url(Image.Source source) {
        return switch (source) {
            case Image.Base64 b -> "data:" + b.mediaType() + ";base64," + b.data();
            case Image.Url u -> u.url();
        };
    }

    /** The media type a URL's file name suggests; {@code image/jpeg} when it suggests none (Gemini requires one). */
    public static String guessMediaType(Image.Url url) {
        if (url.mediaType() != null) {
            return url.mediaType();
        }
        String path = url.url().toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        return "image/jpeg";
    }
}
