import { SearchForm } from "@/components/search-form";
import { StatementCard } from "@/components/statement-card";
import { collectionTotals, latestStatements } from "@/lib/db/queries/statements";

export default async function HomePage() {
  const [totals, latest] = await Promise.all([collectionTotals(), latestStatements(10)]);
  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold">Who said what, when — and where it was reported</h1>
        <SearchForm />
        <p className="text-slate-700">
          {totals.statements.toLocaleString("en")} statements by {totals.speakers.toLocaleString("en")} speakers on{" "}
          {totals.topics.toLocaleString("en")} topics.
        </p>
      </section>
      <section aria-labelledby="latest-heading" className="space-y-4">
        <h2 id="latest-heading" className="text-xl font-semibold">
          Latest statements
        </h2>
        {latest.length === 0 ? <p>No statements yet.</p> : latest.map((statement) => <StatementCard key={statement.id} statement={statement} />)}
      </section>
    </div>
  );
}
