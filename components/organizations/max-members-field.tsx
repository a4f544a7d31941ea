"use client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** The membership limit as typed and why it is not one (an empty field is fine only when `optional`). */
export function parseMaxMembers(raw: string, optional: boolean): { value: number; error: string | null } {
  const value = Number(raw);
  const bad = raw === "" ? !optional : !Number.isInteger(value) || value < 0;
  return { value, error: bad ? "A whole number, 0 for unlimited." : null };
}

export function MaxMembersField({
  id,
  label,
  value,
  onChange,
  errors,
  readOnly,
  disabled,
  className,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: readonly string[] | undefined;
  readOnly?: boolean;
  disabled?: boolean;
  className?: string;
  testId: string;
}) {
  return (
    <FormField id={id} label={label} errors={errors}>
      <Input
        type="number"
        min={0}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        disabled={disabled}
        className={className}
        data-testid={testId}
      />
    </FormField>
  );
}
