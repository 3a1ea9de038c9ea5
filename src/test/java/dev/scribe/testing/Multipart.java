package dev.scribe.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Reads the file part of a multipart/form-data body (the upload_url accepts both raw and multipart bodies). */
final class Multipart {
    private Multipart() {
    }

    static byte[] filePart(byte[] body, String contentType) {
        String boundary = null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = p.substring("boundary=".length()).replace("\"", "");
            }
        }
        if (boundary == null || boundary.isEmpty()) {
            return null;
        }
        // ISO-8859-1 maps bytes to chars one to one, so string offsets are byte offsets.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        byte[] first = null;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            if (text.startsWith("\r\n", start)) {
                start += 2;
            }
            int next = text.indexOf("\r\n" + delimiter, start);
            int headersEnd = text.indexOf("\r\n\r\n", start);
            if (next < 0 || headersEnd < 0 || headersEnd > next) {
                break;
            }
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
            if (text.substring(start, headersEnd).toLowerCase(Locale.ROOT).contains("filename=")) {
                return content;
            }
            if (first == null) {
                first = content;
            }
            at = next + 2;
        }
        return first;
    }
}
