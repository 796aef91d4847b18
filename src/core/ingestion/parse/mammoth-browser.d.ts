// Types for mammoth's self-contained browser bundle, which ships none; the API is the node entry's extractRawText.
declare module "mammoth/mammoth.browser.js" {
  interface RawTextResult {
    value: string;
    messages: { type: string; message: string }[];
  }
  const mammoth: { extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<RawTextResult> };
  export default mammoth;
}
