import type { Address, ContactInfo } from "@/lib/db/schema/organizations";

// How a hospital's address and contact details read on its public pages and in its e-mails. Pure.

/** "1 Main St, Springfield, IL 62701", or null when the profile has no address. */
export function addressLine(address: Address | null | undefined): string | null {
  if (!address) return null;
  const line = [address.street, address.city, [address.state, address.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return line || null;
}

export type HospitalContact = { name: string; phone: string | null; email: string | null; address: string | null };

export function hospitalContact(
  name: string,
  address: Address | null | undefined,
  contact: ContactInfo | null | undefined,
): HospitalContact {
  return { name, phone: contact?.phone || null, email: contact?.email || null, address: addressLine(address) };
}
