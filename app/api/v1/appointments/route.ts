import { bookAppointment } from "@/lib/scheduling/booking";
import { memberAppointmentsDocument } from "@/lib/scheduling/day-view";
import { appointmentListSchema, createAppointmentSchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/appointments?date=|from=&to=&provider=&patient=&location=&resource=&status=a,b&limit=&cursor=
// — the signed-in member's view, in the organization's time zone.
export const GET = tenantRoute({ permission: "appointments:read", query: appointmentListSchema }, async ({ query, ctx, organization }) => {
  const view = await memberAppointmentsDocument(ctx, organization, {
    date: query.date,
    from: query.from,
    to: query.to,
    providerId: query.provider,
    patientId: query.patient,
    locationId: query.location,
    resourceId: query.resource,
    status: query.status,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { data: view.data, nextCursor: view.nextCursor, date: view.from, to: view.to, timeZone: view.timeZone, scope: view.scope };
});

// POST /api/v1/appointments — staff or API booking; 409 "that time was just taken" on a clash.
export const POST = tenantRoute({ permission: "appointments:write", body: createAppointmentSchema }, async ({ body, ctx }) => {
  const appointment = await bookAppointment(ctx, { ...body, bookedVia: "api", online: false });
  return Response.json({ data: appointment }, { status: 201 });
});
