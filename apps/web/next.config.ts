import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Nothing is fetched at build or run time: no remote images, fonts or scripts.
  images: { unoptimized: true },
  devIndicators: false,
  // The browser tests build without the type check (`pnpm typecheck` does it) to save time.
  typescript: { ignoreBuildErrors: process.env.FEDERA_WEB_SKIP_TYPECHECK === '1' },
};

export default config;
