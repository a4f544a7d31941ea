import type { AdminEvent, AdminSnapshot } from "./admin-types";
import { Identifications } from "./identifications";
import type { InvitationStore } from "./invitations";
import { JwtTemplateStore } from "./jwt-templates";
import type { Clock } from "./types";
import type { UserStore } from "./users";
import { WaitlistStore } from "./waitlist";

/** Email addresses and phone numbers of users, JWT templates and the waitlist. */
export class AdminDomain {
  readonly identifications: Identifications;
  readonly jwtTemplates: JwtTemplateStore;
  readonly waitlist: WaitlistStore;

  constructor(
    clock: Clock,
    emit: (e: AdminEvent) => void,
    touch: () => void,
    users: UserStore,
    invitations: InvitationStore,
  ) {
    this.identifications = new Identifications(users, clock, emit);
    this.jwtTemplates = new JwtTemplateStore(clock, touch);
    this.waitlist = new WaitlistStore(clock, emit, users, invitations, touch);
  }

  snapshot(): Required<AdminSnapshot> {
    return { jwt_templates: this.jwtTemplates.all(), waitlist_entries: [...this.waitlist.all()] };
  }

  restore(s: AdminSnapshot): void {
    for (const t of s.jwt_templates ?? []) this.jwtTemplates.load(t);
    for (const e of s.waitlist_entries ?? []) this.waitlist.load(e);
  }
}
