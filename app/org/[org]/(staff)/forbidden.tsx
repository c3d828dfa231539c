import { RoleForbidden } from "@/components/shell/role-forbidden";

// A staff page the member's role does not allow (the page called forbidden() after its permission
// check): rendered inside the staff shell. A signed-in non-member is refused by the layout itself,
// which the root forbidden page answers.
export default function StaffForbidden() {
  return <RoleForbidden />;
}
