export type { CardBrand, CardSummary, CoBrand, LedgerCard } from './card-number.js';
export { InvalidRequestError, ReferenceConflictError } from './errors.js';
export type { FaultKind, FaultRates, FaultTarget, NextFaultSpec } from './fault-input.js';
export type { FaultCounts } from './faults.js';
export type { AuthorizationBalance, LedgerEntry, OperationType } from './ledger.js';
export { SIGNATURE_HEADER, signNotification } from './notify.js';
export { RESPONSE_MESSAGES, type ResponseCode } from './response-codes.js';
export { createMockAcquirerApp } from './server.js';
export { type MockAcquirer, type StartMockAcquirerOptions, startMockAcquirer } from './start.js';
export {
  createMockAcquirerState,
  type LedgerView,
  MockAcquirerState,
  type MockAcquirerStateOptions,
} from './state.js';
export {
  findTestCard,
  TEST_CARDS,
  type TestCard,
  type ThreeDsBehaviour,
  threeDsBehaviour,
} from './test-cards.js';
export type {
  AuthenticationAnswer,
  AuthenticationRequest,
  AuthorizationAnswer,
  AuthorizationRequest,
  CaptureRequest,
  CardInput,
  MovementAnswer,
  OperationAnswer,
  RedirectMeans,
  RedirectPaymentAnswer,
  RedirectPaymentRequest,
  RefundRequest,
  ResultRequest,
  ReversalRequest,
  ThreeDsInput,
  TombstoneAnswer,
} from './wire.js';
