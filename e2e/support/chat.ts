import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Types a message to the assistant once it is ready for one (no reply still streaming) and sends it. */
export async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
  const box = page.getByRole("textbox", { name: "Message the assistant" });
  await box.fill(text);
  await box.press("Enter");
}
