import type { ReactNode } from 'react';

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="public">
      <p className="brand brand-large">Federa</p>
      {children}
    </main>
  );
}
