'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { WebConfig } from './config';

const ConfigContext = createContext<WebConfig | null>(null);

export function ConfigProvider({ value, children }: { value: WebConfig; children: ReactNode }) {
  return <ConfigContext.Provider value={value}>{children}</ConfigContext.Provider>;
}

export function useConfig(): WebConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig outside <ConfigProvider>');
  return config;
}
