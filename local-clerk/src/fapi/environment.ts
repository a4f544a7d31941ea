import { RESTRICTION_KEYS } from "../state/access-lists";

// EnvironmentJSON for a production-type instance with email + password sign-in only.
// Everything that would load remote code (captcha, Protect, billing) stays off: ClerkJS would
// otherwise reach the internet or silently drop to status "degraded".

const OFF_ATTRIBUTE = {
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [] as string[],
  used_for_second_factor: false,
  second_factors: [] as string[],
  verifications: [] as string[],
  verify_at_sign_up: false,
};

export interface EnvironmentOptions {
  /** Origin of the app that embeds ClerkJS, e.g. http://localhost:3000. */
  appOrigin: string;
  applicationName?: string;
  /** The instance's restrictions (BAPI PATCH /instance/restrictions), as `user_settings.restrictions`. */
  restrictions?: Partial<Record<string, boolean>>;
}

export function environmentJson({
  appOrigin,
  applicationName = "Clerk Admin Console",
  restrictions = {},
}: EnvironmentOptions) {
  const url = (path: string) => `${appOrigin}${path}`;
  return {
    object: "environment" as const,
    id: "env_local_clerk",
    maintenance_mode: false,
    auth_config: {
      object: "auth_config",
      id: "aac_local_clerk",
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      preferred_channels: {},
    },
    display_config: {
      object: "display_config",
      id: "display_config_local_clerk",
      instance_environment_type: "production",
      application_name: applicationName,
      branded: false,
      preferred_sign_in_strategy: "password",
      captcha_public_key: null,
      captcha_public_key_invisible: null,
      captcha_widget_type: "invisible",
      captcha_provider: "turnstile",
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
      home_url: url("/"),
      sign_in_url: url("/sign-in"),
      sign_up_url: url("/sign-up"),
      user_profile_url: url("/user"),
      after_sign_in_url: url("/"),
      after_sign_up_url: url("/"),
      after_sign_out_one_url: url("/sign-in"),
      after_sign_out_all_url: url("/sign-in"),
      after_switch_session_url: url("/"),
      organization_profile_url: "",
      create_organization_url: "",
      after_leave_organization_url: "",
      after_create_organization_url: "",
      logo_image_url: "",
      favicon_image_url: "",
      support_email: "",
      terms_url: "",
      privacy_policy_url: "",
      waitlist_url: "",
      after_join_waitlist_url: "",
      show_devmode_warning: false,
    },
    user_settings: {
      attributes: {
        email_address: {
          ...OFF_ATTRIBUTE,
          enabled: true,
          required: true,
          used_for_first_factor: true,
          first_factors: ["email_code"],
          verifications: ["email_code"],
          verify_at_sign_up: true,
        },
        phone_number: OFF_ATTRIBUTE,
        username: OFF_ATTRIBUTE,
        web3_wallet: OFF_ATTRIBUTE,
        first_name: OFF_ATTRIBUTE,
        last_name: OFF_ATTRIBUTE,
        password: { ...OFF_ATTRIBUTE, enabled: true, required: true },
        authenticator_app: OFF_ATTRIBUTE,
        backup_code: OFF_ATTRIBUTE,
        passkey: OFF_ATTRIBUTE,
      },
      actions: { delete_self: false, create_organization: false },
      social: {},
      enterprise_sso: { enabled: false, self_serve_sso: false },
      sign_in: { second_factor: { required: false, enabled: false } },
      // Accounts are created by admins (invitations), never by self sign-up.
      restrictions: Object.fromEntries(
        RESTRICTION_KEYS.map((k) => [k, { enabled: restrictions[k] === true }]),
      ),
      sign_up: {
        allowlist_only: restrictions.allowlist === true,
        captcha_enabled: false,
        legal_consent_enabled: false,
        mode: "restricted",
        progressive: true,
        mfa: { required: false },
      },
      password_settings: {
        disable_hibp: true,
        min_length: 8,
        max_length: 72,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
        allowed_special_characters: "",
      },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      username_settings: { min_length: 4, max_length: 64 },
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 0,
      force_organization_selection: false,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: false },
    },
  };
}
