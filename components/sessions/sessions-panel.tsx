import type { ReactNode } from "react";
import { ResultError } from "@/components/shell/result-states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Section } from "@/lib/console/sessions-reads";

/** One card of the Sessions page: its content, or why it could not load (the other cards still show). */
export function SessionsPanel<T>({
  title,
  section,
  description,
  testId,
  children,
}: {
  title: string;
  section: Section<T>;
  description: (value: T) => ReactNode;
  testId: string;
  children: (value: T) => ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {section.ok && (
          <CardDescription data-testid={`${testId}-summary`}>{description(section.value)}</CardDescription>
        )}
      </CardHeader>
      <CardContent className="grid gap-4">
        {section.ok ? (
          children(section.value)
        ) : (
          <ResultError
            data-testid={`${testId}-error`}
            title={`Could not load ${title.toLowerCase()}.`}
            messages={[section.error]}
          />
        )}
      </CardContent>
    </Card>
  );
}
