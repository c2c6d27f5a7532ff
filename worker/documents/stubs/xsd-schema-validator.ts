/**
 * Stands in for `xsd-schema-validator` in the documents Worker bundle only: it spawns Java
 * (child_process), which Workers cannot. Rendering runs node-zugferd with strict: false;
 * the tests validate the XML against the Factur-X XSD on Node.
 */
export async function validateXML(): Promise<never> {
  throw new Error('XSD validation needs Java and does not run on Workers');
}
