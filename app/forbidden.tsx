import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Not allowed</h1>
      <p>Your role does not open this page. An admin can change your role.</p>
      <Link href="/curate" className="underline">
        Back to the workspace
      </Link>
    </div>
  );
}
