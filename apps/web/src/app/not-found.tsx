import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="public">
      <section className="card login">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link href="/">Go home</Link>
      </section>
    </main>
  );
}
