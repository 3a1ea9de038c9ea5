# Incident Scribe: build the shaded jar with Maven, run it on a JRE as a non-root user.
#   docker build -t incident-scribe .
#   docker run -p 3000:3000 -e SLACK_BOT_TOKEN -e SLACK_SIGNING_SECRET -v scribe-data:/app/data incident-scribe

# ---- Stage 1: build ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The POM alone first, so the dependency download stays cached until pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# ---- Stage 2: run ----
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 scribe \
 && useradd --system --uid 10001 --gid scribe --home-dir /app --no-create-home --shell /usr/sbin/nologin scribe \
 && mkdir -p /app/data \
 && chown -R scribe:scribe /app
WORKDIR /app
COPY --from=build --chown=scribe:scribe /build/target/incident-scribe.jar /app/incident-scribe.jar
COPY --chown=scribe:scribe examples/slack-export /app/examples/slack-export
USER scribe
# Class data sharing, for start-up time: a training run saves the classes it loaded to an archive that the bot
# maps at start instead of loading them from the jar again. The training (start-up-training) is a whole start-up
# of the bot against a stand-in for Slack on loopback, in a temporary directory, and one signed event: database,
# migrations, Slack's client, Bolt, Jetty and the request path. Same JVM flags as the ENTRYPOINT. bench/run makes
# the same archive the same way; docs/performance.md has what it saves. A JVM that cannot use the archive
# (another JRE, another jar) says so in one warning line and starts without it.
RUN java -XX:ArchiveClassesAtExit=/app/incident-scribe.jsa -Dfile.encoding=UTF-8 -XX:MaxRAMPercentage=75 -Xss512k \
        -XX:+UseSerialGC -XX:CompileThresholdScaling=4 -jar /app/incident-scribe.jar start-up-training > /dev/null
# The default database (SCRIBE_DB_URL unset) is an H2 file under ./data, i.e. /app/data: keep it on a volume.
VOLUME /app/data
EXPOSE 3000
# The JRE image has no curl, so there is no HEALTHCHECK here: point the orchestrator at GET /healthz
# (200 when the database answers, 503 otherwise).
# CompileThresholdScaling=4: a method is compiled after four times as many calls as by default. On two cores a start
# is CPU-bound and half of its CPU went to the JIT compilers, compiling code that runs only while starting; the
# request path still gets compiled within its first seconds (docs/performance.md, Start-up: 2.0 s to 1.66 s).
ENTRYPOINT ["java","-Dfile.encoding=UTF-8","-XX:MaxRAMPercentage=75","-Xss512k","-XX:+UseSerialGC","-XX:CompileThresholdScaling=4","-XX:SharedArchiveFile=/app/incident-scribe.jsa","-jar","/app/incident-scribe.jar"]
