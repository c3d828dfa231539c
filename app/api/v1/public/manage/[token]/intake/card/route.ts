import { CARD_UPLOAD_BODY_BYTES, cardUploadSchema } from "@/lib/intake/schemas";
import { publicRoute } from "@/lib/pipeline/public-route";
import { cardImageByPatient } from "@/lib/scheduling/online-booking";

export const dynamic = "force-dynamic";

// PUT {"image": base64} — the holder of a manage link adds a photo of their insurance card.
export const PUT = publicRoute(
  { body: cardUploadSchema, limitPerMinute: 10, maxBodyBytes: CARD_UPLOAD_BODY_BYTES },
  async ({ params, body, ctx }) => {
    await cardImageByPatient(ctx, params.token ?? "", Buffer.from(body.image, "base64"));
    return { data: { hasCard: true } };
  },
);
