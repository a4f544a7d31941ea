import { clerkError } from "../http/errors";
import type { RequestContext } from "../http/router";
import type { OrganizationLogo } from "../state/organization-types";

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Clerk accepts these four; the first bytes must match, as Clerk decodes the image. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
  "image/webp": (b) =>
    b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
};

const missingImage = () =>
  clerkError(
    400,
    "form_param_missing",
    "Image file missing",
    "There was no image file present in the request",
    {
      param_name: "file",
    },
  );

/** Reads `PUT .../logo`'s multipart body (`file`, optional `uploader_user_id`) with the platform's own parser. */
export async function readLogo(
  rc: RequestContext,
): Promise<{ logo: OrganizationLogo; uploaderUserId?: string }> {
  const contentType = rc.req.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data")) throw missingImage();
  let form: FormData;
  try {
    form = await new Request("http://local-clerk/upload", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(rc.rawBody),
    }).formData();
  } catch {
    throw clerkError(
      400,
      "malformed_request",
      "malformed request",
      "The multipart body could not be parsed.",
    );
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw missingImage();
  if (file.size > MAX_IMAGE_BYTES) {
    throw clerkError(
      413,
      "image_too_large",
      "Image too large",
      "The image being uploaded is more than 10MB. Please choose a smaller one.",
    );
  }
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  const check = SIGNATURES[type];
  if (!check) {
    throw clerkError(
      400,
      "request_body_invalid",
      "Unsupported image type",
      `'${type || "unknown"}' images are not currently supported. Please consult the API documentation for more information.`,
    );
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  if (!check(bytes)) {
    throw clerkError(
      400,
      "request_body_invalid",
      "Image decode error",
      "The image could not be decoded. Please ensure the image is valid and try again.",
    );
  }
  const uploader = form.get("uploader_user_id");
  return {
    logo: { content_type: type, data_base64: bytes.toString("base64") },
    ...(typeof uploader === "string" && uploader ? { uploaderUserId: uploader } : {}),
  };
}

/** Answers with stored image bytes; Local Clerk serves uploaded images itself so URLs work offline. */
export function sendImage(
  rc: RequestContext,
  image: { content_type: string; data_base64: string },
): undefined {
  const bytes = Buffer.from(image.data_base64, "base64");
  rc.res.writeHead(200, {
    "Content-Type": image.content_type,
    "Content-Length": bytes.length,
    "Cache-Control": "public, max-age=31536000, immutable",
  });
  rc.res.end(bytes);
  return undefined;
}
