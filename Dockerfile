# syntax=docker/dockerfile:1
# Questlog server image: build the executable jar with the Maven wrapper, run it on a JRE as a
# non-root user. `docker compose up` (docker-compose.yml) runs it with PostgreSQL and Redis.

# ---- build ---------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so rebuilds after a code change download nothing.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -DskipTests \
    && cp app/target/questlog.jar /questlog.jar

# ---- runtime -------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system questlog \
    && useradd --system --gid questlog --home-dir /var/lib/questlog --create-home --shell /usr/sbin/nologin questlog
COPY --from=build /questlog.jar /opt/questlog/questlog.jar

USER questlog
WORKDIR /var/lib/questlog
# Without DATABASE_URL the server runs an embedded PostgreSQL with its data here.
ENV QUESTLOG_DATA_DIR=/var/lib/questlog \
    PORT=7176 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/var/lib/questlog/questlog.jsa"
EXPOSE 7176
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health/ready" || exit 1

# `docker run IMAGE token create NAME` runs any other subcommand; the default is `serve`.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/questlog/questlog.jar \"$@\"", "questlog"]
CMD ["serve"]
