// Samråd's document render: the whole page in one buffer, with the CSP nonce.
export { default } from "../../../../app/entry.server";
