# The Federa node agent. It starts algorithm containers through the host's Docker socket.
FROM node:20-bookworm-slim AS build
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm turbo run build --filter=@federa/node... \
 && pnpm deploy --filter=@federa/node --prod /out

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /out .
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start", "--config", "/etc/federa/node.yaml"]
