package dev.scribe.slack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the bot token is, as {@code auth.test} told at start-up: the workspace it belongs to, the bot's own user, and the
 * scopes the app was granted when it was installed (Slack lists them in the {@code x-oauth-scopes} header of every Web
 * API answer).
 *
 * @param userId the bot user's id, whose own messages are not recorded; null if Slack did not say
 * @param scopes empty when Slack sent no such header: then nothing that needs an optional scope is offered
 */
public record BotIdentity(String teamId, String userId, Set<String> scopes) {

    /** The scope that lets the bot create private channels. */
    public static final String GROUPS_WRITE = "groups:write";

    public BotIdentity {
        scopes = Set.copyOf(scopes);
    }

    /** True when the app was granted {@code scope}. */
    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** The scopes in {@code x-oauth-scopes} (any letter case of the name), comma-separated; none when absent. */
    static Set<String> grantedScopes(Map<String, List<String>> headers) {
        if (headers == null) {
            return Set.of();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("x-oauth-scopes") && e.getValue() != null)
                .flatMap(e -> e.getValue().stream())
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
