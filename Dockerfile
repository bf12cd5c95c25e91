# One image for every backend service of the Baloot platform; compose.yaml chooses each
# service's command (game server, Brain worker, later the relay and the scout) and builds it
# (`docker compose build`, or `docker build -t baloot/backend:dev .`). docs/operations.md has more.
#
# The official image runs tini as PID 1 (signals reach Deno, zombies are reaped), sets
# DENO_DIR=/deno-dir (owned by its `deno` user, uid 1993) and runs a CMD that starts with `deno`
# as given.
FROM denoland/deno:2.9.6

WORKDIR /app

# The source, owned by root and read-only for the service user. .dockerignore keeps out .git,
# .data/ and node_modules/.
COPY . .

# Where finished games are archived. A named volume mounted here starts as a copy of this
# directory, so it is writable by `deno` too.
RUN mkdir -p /data/archive client/dist && chown deno:deno /data/archive client/dist

USER deno

# Fetch every npm package the entry points need into DENO_DIR, as the lock file pins them
# (--frozen fails the build rather than change the lock). Containers then start with
# --cached-only: no registry needed at run time.
RUN deno install --frozen --entrypoint server/main.ts brain/main.ts relay/main.ts

# The browser client every game server serves at `/` (into client/dist/, the one writable
# folder of the source).
RUN deno run -A tools/build_client.ts

ENV ARCHIVE_DIR=/data/archive
EXPOSE 2567

# A game server by default. Write access is limited to the archive: keep ARCHIVE_DIR under
# /data/archive, or change --allow-write with it.
# V8 flags: as SERVER_V8_FLAGS in server/config.ts (memory per table, bench/README.md).
CMD ["deno", "run", "--cached-only", "--allow-net", "--allow-env", "--allow-read", \
     "--allow-write=/data/archive", "--v8-flags=--max-semi-space-size=4,--heap-growing-percent=25", \
     "server/main.ts"]
