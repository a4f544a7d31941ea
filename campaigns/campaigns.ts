/** What each `npm run campaign:<name>` runs at full size (scripts/campaign.ts). */
export type CampaignStep = { kind: "vitest" | "playwright"; files: string[] };

export const CAMPAIGNS: Record<string, CampaignStep[]> = {
  load: [{ kind: "playwright", files: ["e2e/load.spec.ts"] }],
  faults: [{ kind: "vitest", files: ["campaigns/faults.test.ts"] }],
  // Generated hostile input over HTTP against the build; its size follows CAMPAIGN_SIZE.
  "bad-input": [{ kind: "playwright", files: ["e2e/bad-input.spec.ts"] }],
  secrets: [
    { kind: "vitest", files: ["campaigns/secrets-model.test.ts"] },
    { kind: "playwright", files: ["e2e/secrets.spec.ts"] },
  ],
};
