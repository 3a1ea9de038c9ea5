package dev.scribe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test's own Prometheus text parser reads what the format allows and refuses what it does not. */
class PrometheusTextTest {

    @Test
    void readsFamiliesLabelsEscapesAndSpecialValues() {
        PrometheusText text = PrometheusText.parse("""
                # HELP requests_total Requests.
                # TYPE requests_total counter
                requests_total{method="GET",path="a \\"quoted\\" \\\\ path\\n"} 3.0
                requests_total{method="POST",path="/"} 1e3 1700000000000
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.5"} 1
                latency_seconds_bucket{le="+Inf"} 2
                latency_seconds_count 2
                latency_seconds_sum 0.75
                # TYPE temperature gauge
                temperature NaN
                temperature{where="out"} -Inf
                """);
        assertEquals(3.0, text.value("requests_total", Map.of("method", "GET", "path", "a \"quoted\" \\ path\n")));
        assertEquals(1000.0, text.value("requests_total", Map.of("method", "POST", "path", "/")));
        assertEquals(2.0, text.value("latency_seconds_bucket", Map.of("le", "+Inf")));
        assertEquals(0.75, text.value("latency_seconds_sum"));
        assertTrue(Double.isNaN(text.value("temperature")));
        assertEquals(Double.NEGATIVE_INFINITY, text.value("temperature", Map.of("where", "out")));
        assertEquals("histogram", text.type("latency_seconds").orElseThrow());
    }

    @Test
    void refusesWhatTheFormatDoesNotAllow() {
        for (String bad : new String[] {
                "x 1\n", // no TYPE
                "# TYPE x gauge\n# TYPE x gauge\nx 1\n", // typed twice
                "# TYPE x gauge\nx{a=1} 1\n", // unquoted
                "# TYPE x gauge\nx{a=\"\\t\"} 1\n", // bad escape
                "# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n", // repeated label
                "# TYPE x gauge\nx{1a=\"1\"} 1\n", // bad label name
                "# TYPE x gauge\nx one\n", // no number
                "# TYPE x gauge\nx 1 2 3\n", // text after the timestamp
                "# TYPE x gauge\nx 1\nx 2\n", // repeated sample
                "# TYPE x gauge\nx{a=\"1\" 1\n", // unclosed
                "# TYPE x gauge\nx 1", // no final line feed
                "# TYPE x meter\nx 1\n", // unknown type
        }) {
            assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(bad), bad);
        }
    }
}
