# syntax=docker/dockerfile:1
# glibc base on purpose: onnxruntime-node and @napi-rs/canvas ship glibc binaries (no Alpine/musl).
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary fits; the toolchain stays in this stage only.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# The image's npm 10 ignores package.json "allowScripts": this is what keeps onnxruntime-node's postinstall from
# downloading the CUDA provider binaries (the CPU runtime ships inside the package).
ENV ONNXRUNTIME_NODE_INSTALL=skip
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY workers ./workers
# The build writes dist/build-stamp.json (bin/build-stamp.js): the image has no sources, so bin runs dist/.
COPY bin ./bin
COPY scripts/build.mjs ./scripts/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The web page is static files beside the compiled router (adapters/web/create-web-router.ts finds them here).
COPY adapters/web/public ./adapters/web/public
COPY models/forecaster.onnx models/metadata.json models/MODEL_CARD.md ./models/
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/riskxpert.js"]
CMD ["serve"]
