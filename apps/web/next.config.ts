import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Nothing is fetched at build or run time: no remote images, fonts or scripts.
  images: { unoptimized: true },
  devIndicators: false,
};

export default config;
