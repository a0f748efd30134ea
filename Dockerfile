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
    && cp app/target/questlog.jar app/target/questlog /

# ---- runtime -------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system questlog \
    && useradd --system --gid questlog --home-dir /var/lib/questlog --create-home --shell /usr/sbin/nologin questlog
COPY --from=build /questlog.jar /questlog /opt/questlog/

USER questlog
WORKDIR /var/lib/questlog
# Without DATABASE_URL the server runs an embedded PostgreSQL with its data here.
# The JVM settings are the launcher's (memory, class-data sharing under ~/.cache), as outside Docker.
ENV QUESTLOG_DATA_DIR=/var/lib/questlog \
    PORT=7176
EXPOSE 7176
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health/ready" || exit 1

# `docker run IMAGE token create NAME` runs any other subcommand; the default is `serve`.
ENTRYPOINT ["/opt/questlog/questlog"]
CMD ["serve"]
