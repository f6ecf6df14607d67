import { accessApi, type AccessApi } from './api/access.js';
import { analyticsApi, type AnalyticsApi } from './api/analytics.js';
import { recordsApi, type RecordsApi } from './api/records.js';
import { createTransport, type LivedigitalClientOptions } from './transport.js';

export { LivedigitalApiError } from './errors.js';
export type { LivedigitalApiErrorCode } from './errors.js';
export { DEFAULT_TIMEOUT_MS, LIVEDIGITAL_API_URL, TELEBOSS_API_URL } from './transport.js';
export type { ApiCall, ApiRequest, CallOptions, LivedigitalClientOptions } from './transport.js';
export { MAX_ACCESS_TTL_SECONDS } from './api/access.js';
export type { AccessApi, AccessRole, GenerateAccessParams, LivedigitalRoom } from './api/access.js';
export { RECORD_LINK_TTL_MS } from './api/records.js';
export type { ListRecordsParams, RecordLink, RecordsApi, RoomRecord } from './api/records.js';
export type { AnalyticsApi, CallSummary, ListCallsParams, ReportFormat } from './api/analytics.js';
export type { DateInput } from './api/dates.js';

/**
 * Everything the host backend asks livedigital, grouped by what an integrator does; each group
 * lives in `api/` and only describes requests, the transport sends them.
 */
export interface LivedigitalClient extends AccessApi, RecordsApi, AnalyticsApi {
  readonly apiUrl: string;
}

export function createLivedigitalClient(options: LivedigitalClientOptions): LivedigitalClient {
  const { apiUrl, call } = createTransport(options);
  return { apiUrl, ...accessApi(call), ...recordsApi(call), ...analyticsApi(call) };
}
