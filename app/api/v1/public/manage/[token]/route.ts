import { manageSummary } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

export const GET = publicRoute({}, async ({ params, ctx }) => ({ data: await manageSummary(ctx, params.token ?? "") }));
