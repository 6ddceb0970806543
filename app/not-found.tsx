import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p>There is nothing at this address. It may have been mistyped, or the statement may not be published.</p>
      <Link href="/search" className="underline">
        Search the statements
      </Link>
    </div>
  );
}
