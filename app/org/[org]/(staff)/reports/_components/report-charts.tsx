"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Panel } from "@/components/ui/panel";
import type { AppointmentReport } from "@/lib/reports/service";
import { percentOf, wholeNumber } from "./format";

// The report's two charts. The same figures are in the tables under them, which is what screen
// readers get: each chart is one image with a summary for its name, and nothing in it takes focus.

const COLOURS = { done: "#047857", noShow: "#b91c1c", cancelled: "#64748b", upcoming: "#1d4ed8", utilisation: "#0f766e" };

const shortDay = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const dayOf = (date: string) => shortDay.format(new Date(`${date}T12:00:00Z`));

export function ReportCharts({ days, providers, typeFiltered }: Pick<AppointmentReport, "days" | "providers"> & { typeFiltered: boolean }) {
  const perDay = days.map((d) => ({
    day: dayOf(d.date),
    "Completed or checked in": d.completed + d.checkedIn,
    "No-show": d.noShows,
    Cancelled: d.cancelled,
    "Upcoming or not recorded": Math.max(0, d.appointments - d.completed - d.checkedIn - d.noShows - d.cancelled),
  }));
  const busiest = days.reduce((best, d) => (d.appointments > (best?.appointments ?? -1) ? d : best), days[0]);
  const perProvider = providers
    .filter((p) => p.utilisation !== null)
    .map((p) => ({ name: p.name, Utilisation: Math.round((p.utilisation ?? 0) * 1000) / 10 }));
  const total = days.reduce((n, d) => n + d.appointments, 0);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel title="Appointments per day">
        <div
          role="img"
          aria-label={`Bar chart of appointments per day by outcome: ${wholeNumber(total)} over ${days.length} days${
            busiest && busiest.appointments > 0 ? `, the busiest ${dayOf(busiest.date)} with ${wholeNumber(busiest.appointments)}` : ""
          }. The figures are in the table by day.`}
          className="h-72"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={perDay} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#334155" }} interval="preserveStartEnd" minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="Completed or checked in" stackId="a" fill={COLOURS.done} isAnimationActive={false} />
              <Bar dataKey="No-show" stackId="a" fill={COLOURS.noShow} isAnimationActive={false} />
              <Bar dataKey="Cancelled" stackId="a" fill={COLOURS.cancelled} isAnimationActive={false} />
              <Bar dataKey="Upcoming or not recorded" stackId="a" fill={COLOURS.upcoming} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Panel>
      <Panel title="Utilisation by provider">
        {typeFiltered ? (
          <p className="text-sm text-slate-600">
            Bookable time is not split by appointment type: clear the type filter to see utilisation.
          </p>
        ) : perProvider.length === 0 ? (
          <p className="text-sm text-slate-600">No provider had bookable hours in this range.</p>
        ) : (
          <div
            role="img"
            aria-label={`Bar chart of booked time as a share of bookable time per provider: ${perProvider
              .map((p) => `${p.name} ${percentOf(p.Utilisation / 100)}`)
              .join(", ")}.`}
            style={{ height: Math.max(160, 44 * perProvider.length + 40) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={perProvider} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis
                  type="number"
                  domain={[0, (max: number) => Math.max(100, Math.ceil(max / 10) * 10)]}
                  tickFormatter={(v: number) => `${v}%`}
                  tick={{ fontSize: 12, fill: "#334155" }}
                />
                <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12, fill: "#334155" }} />
                <Tooltip formatter={(v) => `${String(v)}%`} />
                <Bar dataKey="Utilisation" fill={COLOURS.utilisation} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </Panel>
    </div>
  );
}
