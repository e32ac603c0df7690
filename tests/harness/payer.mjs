// Payer data the e2e tests send, and the shapes the last test looks for in every log of the
// run. Tests that send emails or phone numbers take them from here, so the log scan's shapes
// are proven against the very values that must never reach a log.

/** What customers enter in the e2e run. */
export const PAYER = {
  email: 'grace.hopper@payer.example',
  otherEmail: 'ada.lovelace+typo@payer.example',
  phone: '+1 (555) 010-4477',
  otherPhone: '+49 30 901820',
  name: 'Grace Brewster Hopper',
  memberNo: '00420042',
};

/**
 * An email address as a person would type it: a local part, `@`, a dotted domain ending in
 * letters. Package specifiers (`wrangler@4.86.0`, `@cloudflare/workerd`) have none of that.
 * Also matched percent-encoded (`%40`), as it is in a URL.
 */
export const EMAIL_SHAPE = /[A-Za-z0-9._%+-]+(?:@|%40)(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/;

/**
 * An international phone number: `+`, a country code, then 6 to 14 more digits with spaces,
 * dots, dashes or parentheses between them. Log numbers (times, blocks, amounts, hashes) have
 * no leading `+` followed by digit groups of that length.
 */
export const PHONE_SHAPE = /(?<![\w%])(?:\+|%2B)\d{1,3}(?:[ .\-()]|%20|\+)*(?:\d(?:[ .\-()]|%20|\+)*){6,14}\d(?!\d)/;

/**
 * A link's own URL may carry `?prefilled_email=` (the merchant put it there; a query string
 * is in every access log, which the README says, and the embed keeps it in the fragment
 * instead). What is left of a log line once such a query is taken out.
 */
export function withoutLinkQueries(line) {
  return line.replace(/(\/l\/[a-z0-9-]+)\?\S*/g, '$1');
}
