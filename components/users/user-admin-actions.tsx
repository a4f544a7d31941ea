"use client";
import { Ban, Lock, LockOpen, ShieldCheck } from "lucide-react";
import { banUserAction, lockUserAction, unbanUserAction, unlockUserAction } from "@/lib/actions/users";
import { ConfirmAction } from "./confirm-action";

const ACTIONS = {
  unban: {
    Icon: ShieldCheck,
    label: "Unban",
    description: "They will be able to sign in again.",
    confirmLabel: "Unban",
    action: unbanUserAction,
    successMessage: "User unbanned.",
  },
  ban: {
    Icon: Ban,
    label: "Ban",
    description: "They are signed out of every session and cannot sign in until unbanned.",
    confirmLabel: "Ban user",
    action: banUserAction,
    successMessage: "User banned.",
  },
  unlock: {
    Icon: LockOpen,
    label: "Unlock",
    description: "Lifts the lockout so they can try signing in again.",
    confirmLabel: "Unlock",
    action: unlockUserAction,
    successMessage: "User unlocked.",
  },
  lock: {
    Icon: Lock,
    label: "Lock",
    description: "Locks the account as after too many failed sign-in attempts.",
    confirmLabel: "Lock user",
    action: lockUserAction,
    successMessage: "User locked.",
  },
};

export function UserAdminActions({
  userId,
  label,
  banned,
  locked,
  canWrite,
}: {
  userId: string;
  label: string;
  banned: boolean;
  locked: boolean;
  canWrite: boolean;
}) {
  const kinds = [banned ? "unban" : "ban", locked ? "unlock" : "lock"] as const;
  return (
    <fieldset className="flex flex-wrap gap-2" aria-label="Account actions">
      {kinds.map((kind) => {
        const { Icon, action, ...a } = ACTIONS[kind];
        return (
          <ConfirmAction
            key={kind}
            {...a}
            label={
              <>
                <Icon aria-hidden /> {a.label}
              </>
            }
            title={`${a.label} ${label}?`}
            variant={kind === "ban" ? "destructive" : "outline"}
            canWrite={canWrite}
            run={() => action({ user_id: userId })}
            testId={`${kind}-user`}
          />
        );
      })}
    </fieldset>
  );
}
