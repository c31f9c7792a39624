import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Session expired' };

export default function SessionExpiredPage() {
  return (
    <section className="card login" aria-labelledby="expired-title">
      <h1 id="expired-title">Your session has expired</h1>
      <p>
        For your security you were logged out: your session ran out or was ended elsewhere. Nothing
        you submitted before is lost.
      </p>
      <Link className="button primary" href="/login">
        Log in again
      </Link>
    </section>
  );
}
