// Checks real responses against the OpenAPI document the worker serves (JSON Schema 2020-12).
import Ajv2020 from 'ajv/dist/2020.js';

/** Loads `/v1/openapi.json` and returns `check(method, template, { status, body })`. */
export async function loadContract(baseUrl) {
  const doc = await (await fetch(`${baseUrl}/v1/openapi.json`)).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // OpenAPI's numeric formats annotate widths; `type` already checks the JSON kind.
  for (const name of ['int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float', 'double']) {
    ajv.addFormat(name, true);
  }
  // Register the components under the document's own URI so `#/components/...` refs resolve.
  ajv.addSchema({ $id: 'paylink', components: doc.components }, 'paylink');
  return {
    doc,
    /** Throws unless the response's status is documented and its body matches the schema. */
    check(method, template, { status, body }) {
      const operation = doc.paths[template]?.[method.toLowerCase()];
      if (!operation) throw new Error(`${method} ${template} is not in the document`);
      const response = operation.responses[String(status)];
      if (!response) throw new Error(`${method} ${template} answered an undocumented ${status}`);
      const schema = response.content?.['application/json']?.schema;
      if (!schema) return;
      // Named schemas are referenced; small ones (a deletion receipt) are written inline.
      const validate = schema.$ref ? ajv.getSchema(schema.$ref.replace('#/', 'paylink#/')) : ajv.compile(schema);
      if (!validate(body)) {
        throw new Error(`${method} ${template} ${status} breaks the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
      }
    },
  };
}
