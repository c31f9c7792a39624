# The Federa server. Build from the repository root: docker build -f deploy/server.Dockerfile .
FROM node:20-bookworm-slim AS build
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm turbo run build --filter=@federa/server... \
 && pnpm deploy --filter=@federa/server --prod /out

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /out .
USER node
EXPOSE 7601
CMD ["node", "dist/main.js"]
