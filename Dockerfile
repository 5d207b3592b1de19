# syntax=docker/dockerfile:1
#
# jobcast's container image: the jar built with Maven (the dashboard built into it by
# Node.js), run on a Java 17 JRE as an unprivileged user.
#
#   docker build -t jobcast .
#   docker run -p 8000:8000 -v jobcast-data:/data jobcast     # embedded H2 under /data
#
# docker-compose.yml runs it on PostgreSQL; docs/operations.md has the details.

# ---- Node.js, only to be copied into the build stage ------------------------------------
FROM node:22-bookworm-slim AS node

# ---- build -----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build

# The Maven build runs `npm ci` and `npm run build` in jobcast-server/web/ when npm is on the PATH.
# Node's official binaries run on the Ubuntu base of the Maven image as they are.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && node --version && npm --version

# With CI set, the build fails when npm is missing instead of leaving the dashboard out.
ENV CI=true

WORKDIR /build
# Every module's pom (Maven reads the whole reactor), the sources of the two the service is
# built from: the Socket.IO library and the server. The bench is not part of the image.
COPY pom.xml ./
COPY jobcast-socketio/pom.xml jobcast-socketio/
COPY jobcast-server/pom.xml jobcast-server/
COPY jobcast-bench/pom.xml jobcast-bench/
COPY conf/application.conf conf/application.conf
COPY jobcast-socketio/src/main/ jobcast-socketio/src/main/
COPY jobcast-server/web/ jobcast-server/web/
COPY jobcast-server/src/main/ jobcast-server/src/main/

# The caches keep downloaded Maven artifacts and npm packages between builds; they are
# not part of any image layer.
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=cache,target=/root/.npm \
    mvn -B -q -pl jobcast-server -am package -DskipTests \
 && test -f jobcast-server/target/classes/dashboard/index.html \
 && test -f target/jobcast.jar

# ---- runtime ---------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl is only for the health checks (this one and docker-compose.yml's): the JRE image
# ships neither curl nor wget.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# A fixed, unprivileged uid/gid, so volume ownership and Kubernetes' runAsNonRoot work.
RUN groupadd --gid 10001 jobcast \
 && useradd --uid 10001 --gid jobcast --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin jobcast \
 && mkdir -p /app /data \
 && chown jobcast:jobcast /data

COPY --from=build /build/target/jobcast.jar /app/jobcast.jar

# The embedded H2 database and its generated JWT secret live here (unused on PostgreSQL).
ENV JOBCAST_DATA_DIR=/data
VOLUME ["/data"]

WORKDIR /app
USER 10001:10001
EXPOSE 8000

# /health answers once start-up is over (migrations, read-side catch-up, HTTP bound).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${JOBCAST_PORT:-8000}/health" || exit 1

# Exec form: java is PID 1 and gets SIGTERM, so the shutdown hook closes the server.
# More JVM flags: JAVA_TOOL_OPTIONS (the JVM reads it by itself).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/jobcast.jar"]
CMD ["serve"]
