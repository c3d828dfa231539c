import { describe, expect, it } from "vitest";
import { parseImport } from "./parse";

const header = "kind,mrn,first_name,last_name,date_of_birth,email";

describe("import files", () => {
  it("refuse a control character or a line break inside a name, with the row's line", () => {
    const csv = [
      header,
      "patient,M-1,Ana,Lopez,1980-01-01,ana@example.com",
      'patient,M-2,"Bo\nBcc: x@evil.test",Lee,1981-02-02,',
      "patient,M-3,Cy\u0000,Ng,1982-03-03,",
    ].join("\n");
    const { file, problems } = parseImport(csv, "csv");
    expect(file.patients.map((p) => p.mrn)).toEqual(["M-1"]);
    expect(problems).toEqual([
      { line: 4, kind: "patient", message: "firstName: Use a single line, without line breaks, tabs or other control characters." },
      { line: 5, kind: "patient", message: "firstName: Use a single line, without line breaks, tabs or other control characters." },
    ]);
  });

  it("name repeated e-mail addresses by line, without quoting them", () => {
    const csv = [header, "patient,M-1,Ana,Lopez,1980-01-01,ana@example.com", "patient,M-2,Bo,Lee,1981-02-02,ana@example.com"].join("\n");
    const { problems } = parseImport(csv, "csv");
    expect(problems).toEqual([{ line: 3, kind: "patient", message: "the e-mail address repeats line 2" }]);
  });

  it("say where a file cannot be read, not what it holds", () => {
    const { problems } = parseImport('{"patients": [{"email": "ana@example.com", oops}]}', "json");
    expect(problems).toEqual([{ line: 0, kind: "file", message: "could not read the file as JSON" }]);
  });
});
