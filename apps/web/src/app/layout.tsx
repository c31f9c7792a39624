import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ApiProvider } from '@/lib/api-provider';
import { readConfig } from '@/lib/config';
import { ConfigProvider } from '@/lib/config-context';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Federa', template: '%s · Federa' },
  description: 'Federated analysis: send the computation to the data, bring back only results.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so the API URL comes from the environment of `next start`.
  await connection();
  const config = readConfig();
  return (
    <html lang="en">
      <body>
        <ConfigProvider value={config}>
          <ApiProvider>{children}</ApiProvider>
        </ConfigProvider>
      </body>
    </html>
  );
}
