export default function HomePage() {
  return (
    <main className="p-8">
      <h1 className="text-2xl font-semibold">Clerk Admin Console</h1>
    </main>
  );
}
