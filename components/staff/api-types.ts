// The JSON the /api/v1 handlers send (dates and instants arrive as strings).

export type ListPage<T> = { data: T[]; nextCursor: string | null };

export type Patient = {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AppointmentStatus = "scheduled" | "confirmed" | "checked_in" | "completed" | "cancelled" | "no_show";

export type PatientAppointment = {
  id: string;
  providerId: string;
  providerName: string;
  appointmentTypeId: string;
  appointmentTypeName: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  mode: "in_person" | "telehealth";
  reason: string | null;
  cancelReason: string | null;
};

export type PatientRecord = Patient & { upcomingAppointments: PatientAppointment[]; pastAppointments: PatientAppointment[] };

export type Provider = {
  id: string;
  userId: string | null;
  name: string;
  title: string | null;
  specialty: string | null;
  licenseNumber: string | null;
  email: string | null;
  phone: string | null;
  acceptsOnlineBooking: boolean;
  offersTelehealth: boolean;
  active: boolean;
};

export type WeeklyInterval = { weekday: number; startTime: string; endTime: string };
export type OverrideRow = { date: string; startTime: string | null; endTime: string | null; note: string | null };
export type TimeOff = { id: string; startsAt: string; endsAt: string; reason: string | null };

export type ProviderDetail = Provider & {
  weeklyHours: WeeklyInterval[];
  appointmentTypeIds: string[];
  timeOff: TimeOff[];
  overrides: OverrideRow[];
};

export type AppointmentType = {
  id: string;
  name: string;
  description: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  telehealthAllowed: boolean;
  onlineBookable: boolean;
  active: boolean;
};
