// The statement card's own layout: the root layout leaves out the site's header and footer for
// this address (lib/embed/paths.ts), so the card is all another site's frame shows.
export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return <main className="h-screen p-1">{children}</main>;
}
