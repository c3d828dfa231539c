import { NotFoundError } from "@/lib/errors/app-error";
import { CARD_UPLOAD_BODY_BYTES, cardUploadSchema } from "@/lib/intake/schemas";
import { cardImageOf, setAppointmentCardImage } from "@/lib/intake/service";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — the photo of the patient's insurance card given with the intake (404 when there is none).
export const GET = tenantRoute({ permission: "patients:read" }, async ({ params, ctx }) => {
  const image = await cardImageOf(ctx, idFrom(params, "id", "appointment"));
  if (!image) throw new NotFoundError("appointment", "There is no photo of the insurance card.");
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "content-type": image.type,
      "content-disposition": 'inline; filename="insurance-card"',
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
});

// PUT {"image": base64} — a photo of the card, taken at the desk.
export const PUT = tenantRoute(
  { permission: "patients:write", body: cardUploadSchema, maxBodyBytes: CARD_UPLOAD_BODY_BYTES },
  async ({ params, body, ctx }) => {
    await setAppointmentCardImage(ctx, idFrom(params, "id", "appointment"), Buffer.from(body.image, "base64"));
    return { data: { hasCard: true } };
  },
);
