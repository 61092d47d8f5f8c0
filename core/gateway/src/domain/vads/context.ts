/**
 * The signed-form protocol context of a payment that entered through `POST /vads-payment/`
 * (DESIGN §4). Stored with the payment (`payments.vads`) so that everything later said to the shop
 * in that protocol — the buyer's return to `vads_url_*` and the `vads_*` IPN — can be built from it
 * alone. docs/en/signed-form.md lists the fields.
 */
export interface VadsContext {
  /** Protocol version (`vads_version`), always "V2". */
  version: 'V2';
  /** `vads_site_id`: the shop's 8-digit site id. */
  siteId: string;
  /** `vads_ctx_mode`. TEST ↔ mode test, PRODUCTION ↔ mode live. */
  ctxMode: 'TEST' | 'PRODUCTION';
  /** `vads_trans_id`: 6 digits, unique per shop, mode and UTC day of `transDate`. */
  transId: string;
  /** `vads_trans_date`: UTC YYYYMMDDHHMMSS as sent by the shop. */
  transDate: string;
  /** Our 32-hex-digit id of the transaction (`vads_trans_uuid`), fixed at entry. */
  transUuid: string;
  /** `vads_order_id`, or null. */
  orderId: string | null;
  /** `vads_action_mode`: INTERACTIVE (the buyer types the card on our page). */
  actionMode: 'INTERACTIVE';
  /** `vads_page_action`: PAYMENT. */
  pageAction: 'PAYMENT';
  /** `vads_payment_config`: SINGLE. */
  paymentConfig: 'SINGLE';
  /** `vads_capture_delay` in days, or null when absent (the shop default: capture at once). */
  captureDelay: number | null;
  /** `vads_validation_mode`: "0" automatic, "1" manual; null when absent. */
  validationMode: '0' | '1' | null;
  /** `vads_url_check`: IPN URL override for this payment, or null. */
  urlCheck: string | null;
  urls: {
    success: string | null;
    refused: string | null;
    cancel: string | null;
    error: string | null;
    /** The fallback of the four above. */
    return: string | null;
  };
  /** `vads_return_mode`: how the buyer is sent back (NONE: a plain link, no fields). */
  returnMode: 'NONE' | 'GET' | 'POST';
  /** The algorithm the shop signed with; answers and IPN are signed the same way. */
  signatureAlgorithm: 'HMAC-SHA-256' | 'SHA-1';
  /** Every `vads_*` field received, as received (no card data is ever in this protocol's request). */
  fields: Record<string, string>;
}
