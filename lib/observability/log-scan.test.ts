import { describe, expect, it } from "vitest";
import { describeScan, personNeedles, scanLogLines } from "./log-scan";

const patient = {
  firstName: "José",
  lastName: "Okonkwo-Smith",
  email: "jose.o@example.com",
  phone: "+1-555-0142",
  dateOfBirth: "1971-11-30",
};
const needles = personNeedles(patient);

const clean = [
  '{"level":40,"time":1760000000000,"service":"agentcare","kind":"cross_tenant_access","userId":"4f1c…","msg":"security event"}',
  '{"level":20,"requestId":"r-1","path":"/api/v1/public/manage/[token]/cancel","status":200,"msg":"response"}',
  '{"level":30,"password":"[redacted]","token":"[redacted]","email":"[redacted]","msg":"x"}',
  " ✓ Ready on http://127.0.0.1:3210",
];

const kindsIn = (lines: string[]) => scanLogLines(lines, needles).findings.map((f) => f.kind);

describe("log scan", () => {
  it("passes clean lines, whatever their shape, and counts them", () => {
    expect(scanLogLines(clean, needles)).toEqual({ lines: 4, findings: [] });
  });

  it.each([
    ['{"msg":"booked","patient":"José Okonkwo-Smith"}', "first name"],
    ['{"msg":"x","detail":"Key (email)=(JOSE.O@example.com) already exists."}', "e-mail"],
    ['{"msg":"sms failed","to":"+1 (555) 0142"}', "phone"],
    ["Failed query: insert into patients values ($1)\nparams: 1971-11-30", "date of birth"],
    ['{"msg":"lookup","name":"Okonkwo-Smith"}', "last name"],
  ])("finds a planted patient detail: %s", (line, kind) => {
    expect(kindsIn([...clean, line])).toContain(kind);
  });

  it.each([
    ['{"msg":"x","headers":{"authorization":"Bearer ac_0123456789abcdef0123456789abcdef_sEcReTsEcReTsEcReT"}}', "bearer credential"],
    ["GET /org/metro-general/appointments/manage/eyJwIjoibWFuYWdlIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ 200", "signed token"],
    ["GET /waitlist/claim/Zx9_Qa2bC3dE4fG5hI6jK7lM8nO9pQ0r 200", "token in a link"],
    ['{"msg":"x","cookie":"agentcare.session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc"}', "session cookie"],
    ['{"msg":"sign-in","password":"correct horse battery staple"}', "secret field with a value"],
    ['{"msg":"x","err":{"message":"Failed query: select 1\\nparams: "}}', "database query or parameters"],
  ])("finds a planted credential: %s", (line, kind) => {
    expect(kindsIn([...clean, line])).toContain(kind);
  });

  it("finds a known secret given as a needle, and reports the line without repeating it", () => {
    const report = scanLogLines([...clean, "demo sign-ins: password agentcare-demo"], [{ kind: "demo password", value: "agentcare-demo" }]);
    expect(report.findings).toEqual([{ line: 5, kind: "demo password", excerpt: "demo sign-ins: password [demo password]" }]);
    expect(describeScan("e2e server", report)).toMatch(/^e2e server: 5 log lines scanned, 1 findings\n {2}line 5: demo password/);
  });

  it("does not mistake a record id in a staff path for a link credential", () => {
    const lines = ['{"msg":"request refused","path":"/api/v1/settings/invitations/0a747596-a995-4e7b-9ebc-4c55991474b9"}'];
    expect(scanLogLines(lines, []).findings).toEqual([]);
    expect(kindsIn(["GET /invitations/0a747596-a995-4e7b-9ebc-4c55991474b9Zx9_Qa2bC3 200"])).toContain("token in a link");
  });

  it("does not mistake a name inside another word, or digits inside a longer number, for a finding", () => {
    const lines = ['{"msg":"x","patientId":"Smithson","time":1155501420000}'];
    expect(scanLogLines(lines, personNeedles({ lastName: "Smith", phone: "555-0142" })).findings).toEqual([]);
  });

  it("does not take a date in a path for a phone stored as that same date, and still finds real phone numbers", () => {
    const lines = ['{"msg":"request refused","path":"/api/v1/providers/p-1/overrides/9999-12-31"}'];
    expect(scanLogLines(lines, personNeedles({ phone: "9999-12-31" })).findings).toEqual([]);
    expect(scanLogLines(['{"msg":"x","to":"999 912 31"}'], personNeedles({ phone: "999-912-31" })).findings.map((f) => f.kind)).toEqual([
      "phone",
    ]);
  });

  it("does not take a record id made of digits for a phone stored with those digits, and still finds the phone beside it", () => {
    const id = "00000000-0000-0000-0000-000000000012";
    const needles = personNeedles({ phone: id });
    expect(scanLogLines([`{"msg":"request refused","path":"/api/v1/providers/${id}","organizationId":"${id}"}`], needles).findings).toEqual(
      [],
    );
    expect(scanLogLines([`{"msg":"x","id":"${id}","to":"00000000000000000000000000000012"}`], needles).findings.map((f) => f.kind)).toEqual(
      ["phone"],
    );
  });

  it("does not take a name that is a log's own literal (null, true) for that literal, but still finds it capitalised", () => {
    const lines = ['{"msg":"response","organizationId":null,"userId":null,"ok":true}'];
    expect(scanLogLines(lines, personNeedles({ firstName: "null", lastName: "true" })).findings).toEqual([]);
    expect(scanLogLines(['{"msg":"x","name":"Null"}'], personNeedles({ firstName: "Null" })).findings.map((f) => f.kind)).toEqual([
      "first name",
    ]);
  });

  it("does not take a name that is one of the line's keys or refused field names for that name, but finds it as a value", () => {
    const needles = personNeedles({ firstName: "name", lastName: "path" });
    const refused = '{"level":20,"path":"/dashboard","code":"validation","fields":["name","slug"],"msg":"request refused"}';
    expect(scanLogLines([refused], needles).findings).toEqual([]);
    const kinds = (line: string) => scanLogLines([line], needles).findings.map((f) => f.kind);
    expect(kinds('{"msg":"booked for name"}')).toEqual(["first name"]);
    expect(kinds('{"msg":"x","fields":["slug"],"detail":{"lastName":"path"}}')).toEqual(["last name"]);
    expect(kinds('{"msg":"x","fields":["name",1]}')).toEqual(["first name"]);
    expect(kinds("not json: name")).toEqual(["first name"]);
  });
});
