import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { chatIdHandles, handleOf, IdHandles } from "./id-handles";

const ALICE = "user_2aLiCeAbCdEfGhIjKlMnOpQrStU";
const BOB = "user_2b0bXyZaBcDeFgHiJkLmNoPqRsT";
const ORG = "org_2aCmEaBcDeFgHiJkLmNoPqRsTuV";

/** Two distinct ids of one prefix with the same handle (found by counting up; FNV-1a is fixed). */
function collidingPair(): [string, string] {
  const seen = new Map<string, string>();
  for (let n = 0; ; n++) {
    const id = `user_${String(n).padStart(27, "A")}`;
    const other = seen.get(handleOf(id));
    if (other) return [other, id];
    seen.set(handleOf(id), id);
  }
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAppError(err) && err.code === "bad_request") return err.message;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("handleOf", () => {
  it("is the id's prefix and 6 digits, the same for the same id whatever else is known", () => {
    expect(handleOf(ALICE)).toMatch(/^user_\d{6}$/);
    expect(handleOf(ORG)).toMatch(/^org_\d{6}$/);
    expect(handleOf(ALICE)).toBe(handleOf(`${ALICE}`));
    expect(handleOf(ALICE)).not.toBe(handleOf(BOB));
    const a = new IdHandles();
    a.learn([ALICE, BOB]);
    const b = new IdHandles();
    b.learn({ users: [{ id: BOB }, { id: ALICE }] });
    expect(a.render(ALICE)).toBe(b.render(ALICE));
    expect(a.render(ALICE)).toBe(handleOf(ALICE));
  });
});

describe("IdHandles", () => {
  it("renders known ids as handles and leaves unknown ids, other strings and metadata data alone", () => {
    const handles = new IdHandles();
    handles.learn({ id: ALICE, organization_id: ORG, public_metadata: { manager: BOB } });
    const view = handles.render({
      rows: [{ id: ALICE, org: ORG, username: "user_johnsmith" }],
      public_metadata: { manager: BOB, plan: "pro_enterprise01" },
      other: "user_2uNkNoWnAbCdEfGhIjKlMnOpQr",
      crm: "crm_2aBcDeFgHiJkLmNoPqRsTu",
    });
    expect(view).toEqual({
      rows: [{ id: handleOf(ALICE), org: handleOf(ORG), username: "user_johnsmith" }],
      public_metadata: { manager: handleOf(BOB), plan: "pro_enterprise01" },
      other: "user_2uNkNoWnAbCdEfGhIjKlMnOpQr",
      crm: "crm_2aBcDeFgHiJkLmNoPqRsTu",
    });
  });

  it("shows known ids in prose as handles, leaving longer words and unknown ids alone", () => {
    const handles = new IdHandles();
    handles.learn({ id: ALICE });
    expect(handles.renderText(`ban ${ALICE}, not ${BOB} or x${ALICE} (${ALICE}).`)).toBe(
      `ban ${handleOf(ALICE)}, not ${BOB} or x${ALICE} (${handleOf(ALICE)}).`,
    );
    expect(handles.renderText(`${ALICE}@example.com mail.${ALICE}`)).toBe(
      `${ALICE}@example.com mail.${ALICE}`,
    );
  });

  it("turns handles in text the model copied back into ids, so a note keeps the admin's words", () => {
    const handles = new IdHandles();
    handles.learn({ id: ALICE });
    const note = `ask ${ALICE} first`;
    const input = { user_id: handleOf(ALICE), public_metadata: { note: handles.renderText(note) } };
    expect(input.public_metadata.note).toBe(`ask ${handleOf(ALICE)} first`);
    expect(handles.resolve(input)).toEqual({ user_id: ALICE, public_metadata: { note } });
    const email = `${handleOf(ALICE)}@example.com`;
    expect(handles.resolve({ email, note: `see ${handleOf(BOB)}` })).toEqual({
      email,
      note: `see ${handleOf(BOB)}`,
    });
  });

  it("shows the model's prose to the admin with the ids its handles stand for", () => {
    const [first, second] = collidingPair();
    const handles = chatIdHandles([
      {
        parts: [
          { type: "text", text: `show ${BOB}` },
          {
            type: "tool-getUser",
            toolCallId: "c1",
            state: "output-available",
            input: {},
            output: { id: ALICE },
          },
          { type: "tool-listUsers", toolCallId: "c2", state: "output-error", input: {}, errorText: BOB },
          {
            type: "tool-listUsers",
            toolCallId: "c3",
            state: "output-available",
            input: {},
            output: [first, second],
          },
        ],
      },
    ]);
    const text = `Banned ${handleOf(ALICE)}; ${handleOf(BOB)} and ${handleOf(first)} are not one record.`;
    expect(handles.expandText(text)).toBe(
      `Banned ${ALICE}; ${handleOf(BOB)} and ${handleOf(first)} are not one record.`,
    );
  });

  it("resolves handles (and a +/- filter sign) to their ids and passes full ids through", () => {
    const handles = new IdHandles();
    handles.learn([{ id: ALICE }, { id: ORG }]);
    expect(
      handles.resolve({
        user_id: handleOf(ALICE),
        user_ids: [handleOf(ALICE), BOB],
        organization_id: `-${handleOf(ORG)}`,
        external_id: ["crm_100000"],
      }),
    ).toEqual({
      user_id: ALICE,
      user_ids: [ALICE, BOB],
      organization_id: `-${ORG}`,
      external_id: ["crm_100000"],
    });
  });

  it("keeps both ids of a colliding handle full and refuses that handle", () => {
    const [first, second] = collidingPair();
    const handles = new IdHandles();
    handles.learn([first]);
    const handle = handleOf(first);
    expect(handles.render(first)).toBe(handle);
    expect(handles.resolve({ user_id: handle })).toEqual({ user_id: first });
    handles.learn({ id: second });
    expect(handles.render([first, second])).toEqual([first, second]);
    expect(refusal(() => handles.resolve({ user_id: handle }))).toBe(
      `${handle} stands for more than one record in this chat; pass the full id.`,
    );
  });

  it("keeps a handle-shaped value the admin chose outside id fields (a username), refuses it as an id", () => {
    const handles = new IdHandles();
    const input = { username: "user_123456", external_id: "org_654321", user_ids: ["user_123456"] };
    expect(refusal(() => handles.resolve(input))).toBe(
      "user_123456 is not a record from this chat; pass the full id.",
    );
    expect(handles.resolve({ username: "user_123456", external_id: "org_654321" })).toEqual({
      username: "user_123456",
      external_id: "org_654321",
    });
  });

  it("refuses a handle of no record in this chat, but keeps such a value in metadata", () => {
    const handles = new IdHandles();
    handles.learn({ id: ALICE });
    const stranger = handleOf(BOB);
    expect(refusal(() => handles.resolve({ user_id: stranger }))).toBe(
      `${stranger} is not a record from this chat; pass the full id.`,
    );
    expect(
      handles.resolve({ user_id: ALICE, public_metadata: { ref: stranger, boss: handleOf(ALICE) } }),
    ).toEqual({
      user_id: ALICE,
      public_metadata: { ref: stranger, boss: ALICE },
    });
  });
});
