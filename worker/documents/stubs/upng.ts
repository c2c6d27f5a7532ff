/** Stands in for `@pdf-lib/upng` in the documents Worker bundle only: invoices embed no PNG. */
const UPNG = {
  decode(): never {
    throw new Error('PNG embedding is not bundled in the documents Worker');
  },
  toRGBA8(): never {
    throw new Error('PNG embedding is not bundled in the documents Worker');
  },
};
export default UPNG;
