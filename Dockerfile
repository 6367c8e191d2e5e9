# Arising as a container: the whole service (HTTP and workers) in one node process.
# Build and run it with Redis through compose.yaml (see "Running Arising as a service" in the README).
FROM node:20-slim

ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app

# Dependencies first, so a change to the code does not reinstall them. `npm ci` installs exactly what the
# lockfile says.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY jobs ./jobs
COPY src ./src

# Never as root: the image's own unprivileged user, which owns nothing it could change.
USER node

EXPOSE 3978
# node itself, not `npm start`: npm does not pass SIGTERM on, so `docker stop` would leave the service
# running until it is killed. Given SIGTERM, the service stops taking requests, lets workers finish their
# jobs and exits within 10 seconds. tsx (a dependency) compiles the TypeScript as it loads. Exec form, so no
# shell stands between the signal and node either.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
