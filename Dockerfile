# Arising as a container: the whole service (HTTP and workers) in one node process, from JavaScript
# compiled when the image is built. Build and run it with Redis through compose.yaml (see "Running Arising
# as a service" in the README); the same image runs `web` or `worker` processes with ARISING_ROLE.

# Stage 1: compile the TypeScript (needs the development dependencies: TypeScript).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts/build.js ./scripts/
COPY jobs ./jobs
COPY src ./src
RUN npm run build

# Stage 2: what runs: the production dependencies and the build, no compiler, no sources.
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app

# Dependencies first, so a change to the code does not reinstall them. `npm ci` installs exactly what the
# lockfile says.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY manifests ./manifests
COPY --from=build /app/dist ./dist

# Never as root: the image's own unprivileged user, which owns nothing it could change.
USER node

EXPOSE 3978
# node itself, not `npm start`: npm does not pass SIGTERM on, so `docker stop` would leave the service
# running until it is killed. Given SIGTERM, the service stops taking requests, lets workers finish their
# jobs and exits within 10 seconds. Exec form, so no shell stands between the signal and node either.
# `docker run … node bin/arising.js --help` runs the command line from the same image.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
