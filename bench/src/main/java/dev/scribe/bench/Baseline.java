package dev.scribe.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.MessageEvent;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline: a bare Bolt app on the same embedded Jetty 12 and {@code SlackAppServlet} as the bot, with
 * Bolt's own signature verification, acknowledging message events and doing nothing else. What the bot's ack
 * path costs is the difference between the two. Arguments: port, Slack API URL, signing secret.
 */
public final class Baseline {

    private Baseline() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(args[1]);
        App app = new App(AppConfig.builder()
                .singleTeamBotToken("xoxb-bench")
                .signingSecret(args[2])
                .slack(Slack.getInstance(slackConfig))
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .build());
        app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
        app.start();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        server.setHandler(context);
        server.start();
        System.out.println("baseline listening on port " + connector.getLocalPort());
        server.join();
    }
}
