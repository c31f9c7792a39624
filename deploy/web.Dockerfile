# The Federa web UI (Next.js).
FROM node:20-bookworm-slim AS build
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN pnpm install --frozen-lockfile && pnpm turbo run build --filter=@federa/web...

FROM node:20-bookworm-slim
WORKDIR /repo
COPY --from=build /repo .
ENV NEXT_TELEMETRY_DISABLED=1
EXPOSE 3000
CMD ["pnpm", "--filter", "@federa/web", "start"]
