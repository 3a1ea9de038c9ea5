package dev.scribe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets a JDBC URL can carry, found so that they never reach a log line: a password in the userinfo
 * ({@code jdbc:mariadb://user:secret@host}) and the value of every setting whose name says it is a secret,
 * case-insensitively, as an H2 setting ({@code ;PASSWORD=}, {@code ;FILE_PASSWORD=}, {@code ;CIPHER=}), a query
 * parameter ({@code ?password=}, {@code &sslpassword=}, {@code &trustStorePassword=}) or a MySQL-style
 * {@code (host=...,password=...)} host description. User names are not secret and stay visible.
 */
final class JdbcUrlCredentials {

    /** What a secret is shown as. */
    static final String MASK = "***";

    /**
     * A setting whose name holds password, passwd, pwd, passphrase, secret or cipher (so sslpassword, the key
     * passphrase of sslkey, and keyStorePassword too), after one of the separators H2 settings, query parameters
     * and host descriptions use. Its value runs to the next separator; a value holding one is masked to there.
     */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "(?i)(?<=[?&;(,])(\\s*[\\w.-]*(?:password|passwd|pwd|passphrase|secret|cipher)[\\w.-]*\\s*=)([^;&)]*)");
    /** A port after a host: {@code //host:5432/db?x=a@b} has no userinfo even though an '@' follows. */
    private static final Pattern PORT = Pattern.compile("\\d+[/?;#,]");

    private JdbcUrlCredentials() {
    }

    /** The URL with every secret value replaced by {@link #MASK}. */
    static String mask(String url) {
        StringBuilder masked = new StringBuilder(url.length());
        int at = 0;
        for (int[] span : secretSpans(url)) {
            masked.append(url, at, span[0]).append(MASK);
            at = span[1];
        }
        return masked.append(url.substring(at)).toString();
    }

    /** The secret values the URL holds, as written in it (none empty). */
    static List<String> secrets(String url) {
        List<String> values = new ArrayList<>();
        for (int[] span : secretSpans(url)) {
            values.add(url.substring(span[0], span[1]));
        }
        return values;
    }

    /** Start and end of each secret value, in order, not overlapping, none empty. */
    private static List<int[]> secretSpans(String url) {
        List<int[]> spans = new ArrayList<>();
        int[] userinfo = userinfoPassword(url);
        if (userinfo != null) {
            spans.add(userinfo);
        }
        Matcher m = SECRET_SETTING.matcher(url);
        int from = userinfo == null ? 0 : userinfo[1];
        while (m.find(from)) {
            if (m.end(2) > m.start(2)) {
                spans.add(new int[] {m.start(2), m.end(2)});
            }
            from = Math.max(m.end(), m.start() + 1);
            if (from >= url.length()) {
                break;
            }
        }
        return spans;
    }

    /**
     * The password of {@code //user:password@host}, if any. It ends at the LAST '@' of the URL: a password
     * holding an unencoded '@' is still masked whole, at the price of masking more when a later parameter
     * holds an '@' too. A user name holds none of {@code / ? # ; , @}.
     */
    private static int[] userinfoPassword(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return null;
        }
        int start = slashes + 2;
        int colon = -1;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            if ("/?#;,@".indexOf(c) >= 0) {
                return null;
            }
        }
        int lastAt = url.lastIndexOf('@');
        if (colon < 0 || lastAt <= colon) {
            return null;
        }
        Matcher port = PORT.matcher(url).region(colon + 1, lastAt);
        if (port.lookingAt()) {
            return null;
        }
        return lastAt > colon + 1 ? new int[] {colon + 1, lastAt} : null;
    }
}
