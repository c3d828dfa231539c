// The FHIR R4 JSON schema validator the tests check every served resource with.
declare module "@asymmetrik/fhir-json-schema-validator" {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The errors (empty when the resource is valid FHIR R4). */
    validate(resource: object, verbose?: boolean): unknown[];
  }
}
